package org.crosstradediscord.testing.discord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body as Discord takes a message with files: a {@code payload_json} part (the message's
 * JSON) and {@code files[n]} parts (each with a filename). Parsed on bytes, so a file's content is kept exactly.
 *
 * @param payloadJson the {@code payload_json} part's text, or null when there is none
 * @param files the {@code files[n]} parts, in order
 */
record Multipart(String payloadJson, List<File> files) {
  /** Discord's limit on one attachment without a boosted server: 10 MiB. */
  static final int MAX_FILE_BYTES = 10 * 1024 * 1024;
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");
  private static final Pattern FILE_PART = Pattern.compile("files\\[(\\d+)]");

  /**
   * One attached file.
   *
   * @param index its {@code n} in {@code files[n]} (the {@code id} the payload's {@code attachments} give it)
   * @param filename its name
   * @param contentType the part's Content-Type, or null
   * @param bytes its content
   */
  record File(int index, String filename, String contentType, byte[] bytes) {
    /** @return true when it starts with the PNG signature */
    boolean png() {
      return bytes.length >= PNG_MAGIC.length && Arrays.equals(Arrays.copyOf(bytes, PNG_MAGIC.length), PNG_MAGIC);
    }
  }

  /**
   * @param contentType the request's Content-Type ({@code multipart/form-data; boundary=…})
   * @param body the request's bytes
   * @return the parts
   * @throws IllegalArgumentException the body is not multipart/form-data as Discord takes it
   */
  static Multipart parse(String contentType, byte[] body) {
    Matcher b = BOUNDARY.matcher(contentType);
    if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data") || !b.find()) {
      throw new IllegalArgumentException("not multipart/form-data with a boundary: " + contentType);
    }
    byte[] delimiter = ("--" + b.group(1)).getBytes(StandardCharsets.ISO_8859_1);
    String payload = null;
    List<File> files = new ArrayList<>();
    int at = indexOf(body, delimiter, 0);
    if (at < 0) {
      throw new IllegalArgumentException("no part");
    }
    while (true) {
      int start = at + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break; // the closing delimiter
      }
      start = skipLine(body, start);
      int next = indexOf(body, delimiter, start);
      if (next < 0) {
        throw new IllegalArgumentException("a part without its closing delimiter");
      }
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
      if (headersEnd < 0 || headersEnd > next) {
        throw new IllegalArgumentException("a part without headers");
      }
      String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
      int contentEnd = next - 2; // the CRLF before the delimiter belongs to it
      byte[] content = Arrays.copyOfRange(body, headersEnd + 4, Math.max(headersEnd + 4, contentEnd));
      String name = header(headers, NAME);
      String type = null;
      for (String line : headers.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
          type = line.substring("content-type:".length()).strip();
        }
      }
      if ("payload_json".equals(name)) {
        payload = new String(content, StandardCharsets.UTF_8);
      } else if (name != null) {
        Matcher f = FILE_PART.matcher(name);
        if (f.matches()) {
          String filename = header(headers, FILENAME);
          files.add(new File(Integer.parseInt(f.group(1)), filename == null ? "" : filename, type, content));
        }
      }
      at = next;
    }
    return new Multipart(payload, List.copyOf(files));
  }

  /**
   * @return the first problem Discord would refuse the files for, as its error ({@code 40005} for a file over
   *     {@link #MAX_FILE_BYTES}, {@code 50035} for a file that is not a PNG image: the bot sends only charts), or null
   */
  Problem problem() {
    for (File f : files) {
      if (f.bytes().length > MAX_FILE_BYTES) {
        return new Problem(413, 40005, "Request entity too large", null);
      }
      if (!f.png()) {
        return new Problem(400, 50035, "Invalid Form Body", "files[" + f.index() + "]: " + f.filename()
            + " is not a valid PNG image");
      }
    }
    return null;
  }

  /**
   * A refusal in Discord's shape.
   *
   * @param status the HTTP status
   * @param code Discord's JSON error code
   * @param message its message
   * @param formError the {@code errors._errors} entry, or null
   */
  record Problem(int status, int code, String message, String formError) {}

  private static String header(String headers, Pattern p) {
    Matcher m = p.matcher(headers);
    return m.find() ? m.group(1) : null;
  }

  private static int skipLine(byte[] body, int from) {
    for (int i = from; i + 1 < body.length; i++) {
      if (body[i] == '\r' && body[i + 1] == '\n') {
        return i + 2;
      }
    }
    return body.length;
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
