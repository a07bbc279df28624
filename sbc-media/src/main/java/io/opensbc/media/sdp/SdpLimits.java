package io.opensbc.media.sdp;

/**
 * Hard bounds on a session description the parser accepts; anything beyond is malformed, never cut.
 *
 * @param maxBytes size of the whole body
 * @param maxLines number of lines
 * @param maxLineLength characters of one line, without its line ending
 * @param maxMedia number of media sections ({@code m=} lines)
 */
public record SdpLimits(int maxBytes, int maxLines, int maxLineLength, int maxMedia) {

  /** 64 KiB, 2048 lines of at most 4096 characters, 16 media sections. */
  public static final SdpLimits DEFAULT = new SdpLimits(64 * 1024, 2048, 4096, 16);

  public SdpLimits {
    if (maxBytes < 1 || maxLines < 1 || maxLineLength < 3 || maxMedia < 0) {
      throw new IllegalArgumentException("SDP limits must be positive");
    }
  }
}
