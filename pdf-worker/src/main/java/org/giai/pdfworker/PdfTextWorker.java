package org.giai.pdfworker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * The text of PDF pages, one request after the other, over stdin and stdout.
 *
 * <p>Request: int32 length, the PDF's bytes, int32 count, then count 1-based page numbers
 * (count 0: every page). Answer: int32 status; status 0 is followed by int32 count and, per
 * page, int32 number and a string; status 1 (the file cannot be read) by two strings, a reason
 * ("encrypted", "corrupt") and a message. A string is an int32 length and UTF-8 bytes; integers
 * are big-endian. The worker reads until its stdin closes; nothing but answers goes to stdout.
 */
public final class PdfTextWorker {

    private PdfTextWorker() {}

    public static void main(String[] args) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(System.out, 1 << 16));
        // Libraries that print must not corrupt the answers.
        System.setOut(new PrintStream(System.err, true, StandardCharsets.UTF_8));
        while (true) {
            byte[] pdf;
            int[] pages;
            try {
                pdf = in.readNBytes(in.readInt());
                pages = new int[in.readInt()];
                for (int i = 0; i < pages.length; i++) {
                    pages[i] = in.readInt();
                }
            } catch (EOFException closed) {
                return;
            }
            answer(out, pdf, pages);
            out.flush();
        }
    }

    private static void answer(DataOutputStream out, byte[] pdf, int[] pages) throws IOException {
        List<String> texts;
        int[] numbers;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            numbers = pages.length > 0 ? pages : allPages(document.getNumberOfPages());
            texts = pageTexts(document, numbers);
        } catch (InvalidPasswordException exc) {
            failure(out, "encrypted", "The PDF is encrypted with a password we do not have.");
            return;
        } catch (IOException | RuntimeException | StackOverflowError exc) {
            failure(out, "corrupt", "The PDF cannot be read: " + exc);
            return;
        }
        out.writeInt(0);
        out.writeInt(numbers.length);
        for (int i = 0; i < numbers.length; i++) {
            out.writeInt(numbers[i]);
            writeString(out, texts.get(i));
        }
    }

    private static int[] allPages(int count) {
        int[] numbers = new int[count];
        for (int i = 0; i < count; i++) {
            numbers[i] = i + 1;
        }
        return numbers;
    }

    /** The requested pages' texts: one stripper pass over each run of consecutive pages. */
    private static List<String> pageTexts(PDDocument document, int[] numbers) throws IOException {
        int count = document.getNumberOfPages();
        int[] sorted = Arrays.stream(numbers).filter(n -> n >= 1 && n <= count).sorted().distinct().toArray();
        PageStripper stripper = new PageStripper(count + 1);
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[j] + 1) {
                j++;
            }
            stripper.setStartPage(sorted[i]);
            stripper.setEndPage(sorted[j]);
            stripper.writeText(document, stripper.buffer);
            i = j + 1;
        }
        List<String> texts = new ArrayList<>();
        for (int number : numbers) {
            String text = number >= 1 && number <= count ? stripper.pages[number] : null;
            texts.add(text == null ? "" : text);
        }
        return texts;
    }

    private static void failure(DataOutputStream out, String reason, String message) throws IOException {
        out.writeInt(1);
        writeString(out, reason);
        writeString(out, message);
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
