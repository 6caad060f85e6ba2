package org.giai.pdfworker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.text.TextPosition;

/**
 * The glyphs of a page cut into blocks in reading order (recursive XY cut), so that a text
 * stripper sorting each block by position never interleaves the lines of two columns.
 *
 * <p>Coordinates are those PDFBox adjusts for the text's direction, so rotated pages and rotated
 * text read upright. A block is cut at its widest vertical gutter when one is at least a line
 * height wide (columns: left first, right first for right-to-left text), otherwise at its widest
 * horizontal gap (top first), until it is a single line or has no gap left.
 */
final class ReadingOrder {

    /**
     * A gutter this many ems wide is between columns; a narrower one down to NARROW_GUTTER only
     * when the lines after it (in the writing direction) all start at it, as a column's do and
     * the words beside a chance alignment of spaces in justified lines do not.
     */
    private static final float MIN_GUTTER = 1.5f;
    private static final float NARROW_GUTTER = 0.6f;
    private static final float FLUSH = 0.3f;
    private static final float FLUSH_SHARE = 0.8f;
    private static final int MIN_FLUSH_LINES = 3;
    /** A block no taller than this many line heights is one line: never cut. */
    private static final float ONE_LINE = 1.6f;
    private static final int MAX_DEPTH = 200;

    private ReadingOrder() {}

    static List<List<TextPosition>> blocks(List<TextPosition> glyphs) {
        // Text in another direction (a rotated caption) is a block of its own, after the main text.
        Map<Float, List<TextPosition>> byDirection = new LinkedHashMap<>();
        for (TextPosition glyph : glyphs) {
            byDirection.computeIfAbsent(glyph.getDir(), d -> new ArrayList<>()).add(glyph);
        }
        List<List<TextPosition>> groups = new ArrayList<>(byDirection.values());
        groups.sort(Comparator.comparingInt(group -> -group.size()));
        List<List<TextPosition>> blocks = new ArrayList<>();
        for (List<TextPosition> group : groups) {
            blocks.addAll(anyLineHasAGap(group) ? cut(group, 0) : List.of(group));
        }
        return blocks;
    }

    /**
     * False when no line has a space wide enough for a gutter: the page is one column (most pages
     * are), found with one sort instead of a cut per line.
     */
    private static boolean anyLineHasAGap(List<TextPosition> glyphs) {
        List<TextPosition> inked = inked(glyphs);
        if (inked.size() < 2) {
            return false;
        }
        float em = medianFontSize(inked);
        float minGutter = NARROW_GUTTER * em;
        // Lines a full em high, so that the lines of two columns set a little apart share one.
        inked.sort(Comparator.comparingDouble(TextPosition::getYDirAdj));
        List<TextPosition> line = new ArrayList<>();
        float lineBottom = -Float.MAX_VALUE;
        for (TextPosition glyph : inked) {
            float top = glyph.getYDirAdj() - em;
            if (top > lineBottom && !line.isEmpty()) {
                if (widestGap(line) >= minGutter) {
                    return true;
                }
                line.clear();
            }
            line.add(glyph);
            lineBottom = Math.max(lineBottom, glyph.getYDirAdj());
        }
        return widestGap(line) >= minGutter;
    }

    private static float widestGap(List<TextPosition> line) {
        List<float[]> gaps = gaps(columns(line));
        return gaps.isEmpty() ? 0 : gaps.get(0)[1];
    }

    /** The blocks of `glyphs` in reading order; rows are cut only to find columns below them. */
    private static List<List<TextPosition>> cut(List<TextPosition> glyphs, int depth) {
        List<TextPosition> inked = inked(glyphs);
        if (inked.size() < 2 || depth > MAX_DEPTH) {
            return List.of(glyphs);
        }
        float em = medianFontSize(inked);
        float[][] rows = rows(inked);
        float height = extent(rows);
        if (height <= ONE_LINE * em) {
            return List.of(glyphs);
        }
        float[] gutter = null;
        for (float[] gap : gaps(columns(inked))) {
            if (gap[1] >= MIN_GUTTER * em || gap[1] >= NARROW_GUTTER * em && linesStartAt(inked, gap, em)) {
                gutter = gap;
                break;
            }
        }
        if (gutter != null) {
            List<List<TextPosition>> sides = split(glyphs, gutter[0], true);
            // A column is more than one line; a single line beside others is a wide space in it.
            if (!oneLine(sides.get(0), em) && !oneLine(sides.get(1), em)) {
                boolean rightFirst = mostlyRightToLeft(inked);
                List<List<TextPosition>> blocks = new ArrayList<>(cut(sides.get(rightFirst ? 1 : 0), depth + 1));
                blocks.addAll(cut(sides.get(rightFirst ? 0 : 1), depth + 1));
                return blocks;
            }
        }
        List<float[]> rowGaps = gaps(rows);
        if (rowGaps.isEmpty()) {
            return List.of(glyphs);
        }
        float[] gap = rowGaps.get(0);
        List<List<TextPosition>> sides = split(glyphs, gap[0], false);
        List<List<TextPosition>> top = cut(sides.get(0), depth + 1);
        List<List<TextPosition>> bottom = cut(sides.get(1), depth + 1);
        if (top.size() == 1 && bottom.size() == 1) {
            return List.of(glyphs);  // rows of one column: the stripper orders them itself
        }
        List<List<TextPosition>> blocks = new ArrayList<>(top);
        blocks.addAll(bottom);
        return blocks;
    }

    /** True when the lines on the side of the gutter (middle, width) where lines start reach it. */
    private static boolean linesStartAt(List<TextPosition> glyphs, float[] gutter, float em) {
        float left = gutter[0] - gutter[1] / 2;
        float right = gutter[0] + gutter[1] / 2;
        Map<Integer, float[]> lines = new HashMap<>();  // baseline → {nearest end on the left, nearest start on the right}
        for (TextPosition glyph : glyphs) {
            float[] ends = lines.computeIfAbsent(Math.round(glyph.getYDirAdj()), y -> new float[] {Float.NaN, Float.NaN});
            float start = glyph.getXDirAdj();
            float end = start + glyph.getWidthDirAdj();
            if (end <= left + 0.01f) {
                ends[0] = Float.isNaN(ends[0]) ? end : Math.max(ends[0], end);
            } else if (start >= right - 0.01f) {
                ends[1] = Float.isNaN(ends[1]) ? start : Math.min(ends[1], start);
            }
        }
        return mostlyRightToLeft(glyphs)
                ? flushShare(lines, 0, left, em) >= FLUSH_SHARE
                : flushShare(lines, 1, right, em) >= FLUSH_SHARE;
    }

    private static float flushShare(Map<Integer, float[]> lines, int side, float edge, float em) {
        int present = 0;
        int flush = 0;
        for (float[] ends : lines.values()) {
            if (!Float.isNaN(ends[side])) {
                present++;
                if (Math.abs(ends[side] - edge) <= FLUSH * em) {
                    flush++;
                }
            }
        }
        return present < MIN_FLUSH_LINES ? 0 : (float) flush / present;
    }

    private static List<TextPosition> inked(List<TextPosition> glyphs) {
        List<TextPosition> inked = new ArrayList<>();
        for (TextPosition glyph : glyphs) {
            if (!glyph.getUnicode().isBlank()) {
                inked.add(glyph);
            }
        }
        return inked;
    }

    /** Each glyph's vertical extent, top down. */
    private static float[][] rows(List<TextPosition> glyphs) {
        float[][] rows = new float[glyphs.size()][];
        for (int i = 0; i < rows.length; i++) {
            TextPosition glyph = glyphs.get(i);
            rows[i] = new float[] {glyph.getYDirAdj() - Math.max(glyph.getHeightDir(), 0.1f), glyph.getYDirAdj()};
        }
        return rows;
    }

    private static float[][] columns(List<TextPosition> glyphs) {
        float[][] columns = new float[glyphs.size()][];
        for (int i = 0; i < columns.length; i++) {
            TextPosition glyph = glyphs.get(i);
            columns[i] = new float[] {glyph.getXDirAdj(), glyph.getXDirAdj() + Math.max(glyph.getWidthDirAdj(), 0f)};
        }
        return columns;
    }

    /** The glyphs before and after `at`, across (columns) or down (rows), by their centres. */
    private static List<List<TextPosition>> split(List<TextPosition> glyphs, float at, boolean across) {
        List<TextPosition> before = new ArrayList<>();
        List<TextPosition> after = new ArrayList<>();
        for (TextPosition glyph : glyphs) {
            float centre = across
                    ? glyph.getXDirAdj() + glyph.getWidthDirAdj() / 2
                    : glyph.getYDirAdj() - glyph.getHeightDir() / 2;
            (centre < at ? before : after).add(glyph);
        }
        return List.of(before, after);
    }

    private static boolean oneLine(List<TextPosition> glyphs, float em) {
        List<TextPosition> inked = inked(glyphs);
        return inked.isEmpty() || extent(rows(inked)) <= ONE_LINE * em;
    }

    /** The empty stretches between the intervals as {middle, width}, widest first. */
    private static List<float[]> gaps(float[][] intervals) {
        float[][] sorted = intervals.clone();
        Arrays.sort(sorted, Comparator.comparingDouble(interval -> interval[0]));
        float reach = sorted[0][1];
        List<float[]> gaps = new ArrayList<>();
        for (float[] interval : sorted) {
            float gap = interval[0] - reach;
            if (gap > 0) {
                gaps.add(new float[] {reach + gap / 2, gap});
            }
            reach = Math.max(reach, interval[1]);
        }
        gaps.sort(Comparator.comparingDouble(gap -> -gap[1]));
        return gaps;
    }

    private static float extent(float[][] intervals) {
        float low = Float.MAX_VALUE;
        float high = -Float.MAX_VALUE;
        for (float[] interval : intervals) {
            low = Math.min(low, interval[0]);
            high = Math.max(high, interval[1]);
        }
        return high - low;
    }

    /** The median font size: glyph heights are unreliable (some producers' fonts declare none). */
    private static float medianFontSize(List<TextPosition> glyphs) {
        float[] sizes = new float[glyphs.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = glyphs.get(i).getFontSizeInPt();
        }
        Arrays.sort(sizes);
        return Math.max(sizes[sizes.length / 2], 1f);
    }

    private static boolean mostlyRightToLeft(List<TextPosition> glyphs) {
        StringBuilder text = new StringBuilder();
        for (TextPosition glyph : glyphs) {
            text.append(glyph.getUnicode());
        }
        return PageStripper.rightToLeft(text);
    }
}
