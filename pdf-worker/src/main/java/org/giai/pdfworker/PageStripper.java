package org.giai.pdfworker;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.StringWriter;
import java.text.Bidi;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDVectorFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * PDFTextStripper keeping each page's text apart, each page cut into blocks in reading order
 * (columns never interleave, see ReadingOrder), each block sorted by position.
 *
 * <p>PDFBox turns each word of a line into logical order by itself, but keeps the words of a line
 * in their visual order when the producer placed them one by one (justified lines): a line of
 * right-to-left text has its words put back in reading order here, runs of left-to-right words
 * (a Latin name, a number) kept as they are.
 *
 * <p>The elongation bars (kashidas) a word processor draws to justify Arabic are dropped: some
 * producers map them to stray characters (";", "/", "L", "9") that would split the word.
 */
final class PageStripper extends PDFTextStripper {
    final StringWriter buffer = new StringWriter();
    final String[] pages;
    private final List<String> words = new ArrayList<>();
    private final Map<PDFont, Map<Integer, Boolean>> flatBars = new HashMap<>();
    private final Set<TextPosition> kashidas = Collections.newSetFromMap(new IdentityHashMap<>());
    private int pageStart;

    PageStripper(int size) throws IOException {
        pages = new String[size];
        setPageStart("");
        setPageEnd("");
        setArticleEnd(getLineSeparator());
        setSortByPosition(true);
    }

    @Override
    protected void startPage(PDPage page) {
        pageStart = buffer.getBuffer().length();
    }

    @Override
    protected void endPage(PDPage page) {
        pages[getCurrentPageNo()] = buffer.getBuffer().substring(pageStart);
    }

    @Override
    protected void writePage() throws IOException {
        List<TextPosition> glyphs = new ArrayList<>();
        for (List<TextPosition> article : charactersByArticle) {
            glyphs.addAll(article);
        }
        // In drawing order a kashida sits between the letters of its word. It stays in the layout
        // (it bridges the letters, which would otherwise look like two words) and leaves the text.
        for (int i = 0; i < glyphs.size(); i++) {
            boolean besideArabic = i > 0 && hasRightToLeft(glyphs.get(i - 1).getUnicode())
                    || i + 1 < glyphs.size() && hasRightToLeft(glyphs.get(i + 1).getUnicode());
            if (besideArabic && isKashida(glyphs.get(i))) {
                kashidas.add(glyphs.get(i));
            }
        }
        charactersByArticle.clear();
        charactersByArticle.addAll(ReadingOrder.blocks(glyphs));
        super.writePage();
        flushLine();
        kashidas.clear();
    }

    /**
     * `text` without the characters of `kashidas` (as many of each as there are) that stand
     * between right-to-left letters, other kashidas aside: the same character elsewhere (the
     * zeros of "2002") is text.
     */
    private static String withoutKashidas(String text, String kashidas) {
        StringBuilder left = new StringBuilder(kashidas);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int mark = left.indexOf(String.valueOf(c));
            if (mark >= 0 && betweenLetters(text, i, kashidas)) {
                left.deleteCharAt(mark);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean betweenLetters(String text, int at, String kashidas) {
        int before = at - 1;
        while (before >= 0 && kashidas.indexOf(text.charAt(before)) >= 0) {
            before--;
        }
        int after = at + 1;
        while (after < text.length() && kashidas.indexOf(text.charAt(after)) >= 0) {
            after++;
        }
        return before >= 0 && after < text.length() && strength(text.charAt(before)) > 0 && strength(text.charAt(after)) > 0;
    }

    /** A glyph that is not a letter and draws a flat bar on the baseline. */
    private boolean isKashida(TextPosition glyph) {
        String text = glyph.getUnicode();
        int[] codes = glyph.getCharacterCodes();
        if (text.isBlank() || hasRightToLeft(text) || codes.length != 1 || !(glyph.getFont() instanceof PDVectorFont font)) {
            return false;
        }
        return flatBars.computeIfAbsent(glyph.getFont(), f -> new HashMap<>()).computeIfAbsent(codes[0], code -> {
            try {
                // Glyph space normalised to 1000 units an em.
                Rectangle2D ink = font.getNormalizedPath(code).getBounds2D();
                return ink.getHeight() > 0 && ink.getHeight() < 120 && ink.getWidth() > 1.5 * ink.getHeight()
                        && Math.abs(ink.getMinY()) < 100;
            } catch (IOException exc) {
                return false;
            }
        });
    }

    @Override
    protected void writeString(String text, List<TextPosition> textPositions) {
        StringBuilder marks = new StringBuilder();
        for (TextPosition glyph : textPositions) {
            if (kashidas.contains(glyph)) {
                marks.append(glyph.getUnicode());
            }
        }
        if (marks.length() > 0) {
            text = withoutKashidas(text, marks.toString());
        }
        words.add(text);
    }

    @Override
    protected void writeWordSeparator() {
        // Words are joined by flushLine.
    }

    @Override
    protected void writeLineSeparator() throws IOException {
        flushLine();
        super.writeLineSeparator();
    }

    @Override
    protected void writeParagraphEnd() throws IOException {
        flushLine();
        super.writeParagraphEnd();
    }

    @Override
    protected void endArticle() throws IOException {
        flushLine();
        super.endArticle();
    }

    private void flushLine() throws IOException {
        if (words.isEmpty()) {
            return;
        }
        String line = String.join(getWordSeparator(), readingOrder(words));
        if (rightToLeft(line)) {
            line = repairRightToLeft(line);
        }
        output.write(line);
        words.clear();
    }

    /** The words of a line (each in logical order, the line in visual order) in reading order. */
    static List<String> readingOrder(List<String> visual) {
        String line = String.join(" ", visual);
        if (!Bidi.requiresBidi(line.toCharArray(), 0, line.length()) || !rightToLeft(line)) {
            return visual;
        }
        List<String> ordered = new ArrayList<>();
        int end = visual.size();
        while (end > 0) {
            int start = end - 1;
            if (!hasRightToLeft(visual.get(start))) {
                while (start > 0 && !hasRightToLeft(visual.get(start - 1))) {
                    start--;
                }
            }
            ordered.addAll(visual.subList(start, end));
            end = start;
        }
        return ordered;
    }

    /** True when `text` holds more right-to-left letters than left-to-right ones. */
    static boolean rightToLeft(CharSequence line) {
        int balance = 0;
        for (int i = 0; i < line.length(); i++) {
            balance += strength(line.charAt(i));
        }
        return balance > 0;
    }

    private static final String BRACKETS = "()[]{}";
    /** A percent sign PDFBox leaves before its number in a right-to-left line ("%45" for "45%"). */
    private static final Pattern LEADING_PERCENT = Pattern.compile("(?<!\\S)%(\\d[\\d.,]*\\d|\\d)(?!\\S)");

    /**
     * A right-to-left line with what PDFBox's reordering leaves behind put right: brackets facing
     * away from what they enclose (")لجنة(", "3(": an opening bracket before a space or the line's
     * end, a closing one after a space or the line's start) turned round, and a percent sign moved
     * behind its number.
     */
    static String repairRightToLeft(String line) {
        char[] chars = line.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            int kind = BRACKETS.indexOf(chars[i]);
            if (kind < 0) {
                continue;
            }
            boolean opening = kind % 2 == 0;
            boolean facesAway = opening
                    ? i + 1 == chars.length || Character.isWhitespace(chars[i + 1])
                    : i == 0 || Character.isWhitespace(chars[i - 1]);
            if (facesAway) {
                chars[i] = BRACKETS.charAt(kind ^ 1);
            }
        }
        return LEADING_PERCENT.matcher(new String(chars)).replaceAll("$1%");
    }

    private static boolean hasRightToLeft(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (strength(word.charAt(i)) > 0) {
                return true;
            }
        }
        return false;
    }

    /** 1 for a right-to-left letter, -1 for a left-to-right one, 0 for the rest. */
    private static int strength(char c) {
        byte direction = Character.getDirectionality(c);
        if (direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT || direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
            return 1;
        }
        return direction == Character.DIRECTIONALITY_LEFT_TO_RIGHT ? -1 : 0;
    }
}
