package io.opensbc.media.sdp;

import static io.opensbc.media.sdp.SdpFixtures.crlf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

class SdpParserTest {
  static final List<String> FIXTURES = SdpFixtures.ALL;

  @ParameterizedTest
  @FieldSource("FIXTURES")
  void roundTripIsByteExact(String name) {
    assertEquals(SdpFixtures.text(name), SdpWriter.write(SdpFixtures.parsed(name)));
    assertArrayEquals(SdpFixtures.bytes(name), SdpWriter.bytes(SdpFixtures.parsed(name)));
  }

  @ParameterizedTest
  @FieldSource("FIXTURES")
  void lfLineEndingsParseToTheSameModel(String name) {
    String lf = SdpFixtures.text(name).replace("\r\n", "\n");
    assertEquals(SdpParse.ok(SdpFixtures.parsed(name)), SdpParser.parse(lf));
  }

  @Test
  void structureOfTheTeamsOffer() {
    SessionDescription sdp = SdpFixtures.parsed("teams-offer.sdp");
    assertEquals(6, sdp.lines().size());
    assertEquals(1, sdp.media().size());
    MediaDescription audio = sdp.media().get(0);
    assertEquals(new MediaLine("audio", 52882, 0, "RTP/SAVP",
        List.of("104", "9", "103", "111", "18", "0", "8", "97", "101", "13", "118")), audio.m());
    assertEquals(List.of("main-audio"), audio.attributes("label"));
    assertEquals(List.of("2881154816-2881154816"), audio.attributes("x-ssrc-range"));
    assertEquals(new SdpLine('a', "rtcp-rsize"), audio.lines().get(audio.lines().size() - 2));
  }

  @Test
  void keepsBytesOutsideAsciiVerbatim() {
    byte[] utf8 = crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=Sitzung über SIP", "t=0 0")
        .getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(utf8, SdpWriter.bytes(SdpParser.parse(utf8).orNull()));
  }

  @Test
  void acceptsAMissingFinalLineEndingAndTrailingBlankLines() {
    String sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0";
    assertEquals(SdpParser.parse(sdp), SdpParser.parse(sdp + "\r\n\r\n\n"));
    assertTrue(SdpParser.parse(sdp).isOk());
  }

  @Test
  void mediaLineWithPortCount() {
    SessionDescription sdp = SdpParser.parse(
        crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "t=0 0", "m=video 49170/2 RTP/AVP 31"))
        .orNull();
    assertEquals(2, sdp.media().get(0).m().portCount());
    assertEquals("video 49170/2 RTP/AVP 31", sdp.media().get(0).m().value());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      ''                                                 | empty SDP
      'o=- 1 1 IN IP4 192.0.2.1\\ns=-'                    | line 1: SDP must start with v=
      'v=1\\no=- 1 1 IN IP4 192.0.2.1\\ns=-'               | line 1: unsupported SDP version
      'v=0\\ns=-'                                         | missing o= line
      'v=0\\no=- 1 1 IN IP4 192.0.2.1'                    | missing s= line
      'v=0\\no=- 1 1 IN IP4 192.0.2.1\\no=x\\ns=-'          | line 3: second o= line
      'v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nv=0'          | line 4: v= is only allowed on the first line
      'v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nx=1'          | line 4: unknown line type
      'v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\n\\nt=0 0'      | line 4: expected <type>=<value>
      'v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nt =0 0'       | line 4: expected <type>=<value>
      'v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\na=x y:1'      | line 4: attribute name is not a token
      'v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\na=\\rb'        | line 4: CR without LF
      'v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nm=audio 1 RTP/AVP 0\\nt=0 0' | line 5: t= is not allowed in a media section
      'v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nm=audio 65536 RTP/AVP 0' | line 4: m=: port is not a number from 0 to 65535
      'v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nm=audio 99999999999 RTP/AVP 0' | line 4: m=: port is not a number from 0 to 65535
      'v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nm=audio 5004 RTP/AVP' | line 4: m=: no media formats
      'v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nm=audio 5004'  | line 4: m=: expected <media> <port> <proto> <fmt> ...
      'v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nm=audio 5004 RTP//AVP 0' | line 4: m=: transport protocol is not a token list
      """)
  void malformedSdpIsAValueWithAReason(String sdp, String reason) {
    assertEquals(SdpParse.malformed(reason), SdpParser.parse(sdp.replace("\\n", "\n")
        .replace("\\r", "\r")));
  }

  @Test
  void aNulByteIsMalformed() {
    byte[] b = crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "a=x\0").getBytes(
        StandardCharsets.ISO_8859_1);
    assertEquals(SdpParse.malformed("line 4: NUL character"), SdpParser.parse(b));
  }

  @Test
  void limitsBoundSizeLinesLineLengthAndMediaSections() {
    String head = crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "t=0 0");
    SdpLimits limits = new SdpLimits(2000, 12, 80, 2);
    assertEquals(SdpParse.malformed("SDP larger than 2000 bytes"),
        SdpParser.parse(("a" + "=x\r\n".repeat(1000)).getBytes(StandardCharsets.US_ASCII), limits));
    assertEquals(SdpParse.malformed("SDP has more than 12 lines"),
        SdpParser.parse((head + "a=x\r\n".repeat(9)).getBytes(StandardCharsets.US_ASCII), limits));
    assertEquals(SdpParse.malformed("line 5: longer than 80 characters"),
        SdpParser.parse((head + "a=" + "x".repeat(79)).getBytes(StandardCharsets.US_ASCII), limits));
    String three = head + "m=audio 1 RTP/AVP 0\r\n".repeat(3);
    assertEquals(SdpParse.malformed("line 7: more than 2 media sections"),
        SdpParser.parse(three.getBytes(StandardCharsets.US_ASCII), limits));
    assertTrue(SdpParser.parse((head + "m=audio 1 RTP/AVP 0\r\n".repeat(2))
        .getBytes(StandardCharsets.US_ASCII), limits).isOk());
  }

  @Test
  void defaultLimitsAcceptSixteenMediaSectionsButNotSeventeen() {
    String head = crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0");
    assertTrue(SdpParser.parse(head + "m=audio 1 RTP/AVP 0\r\n".repeat(16)).isOk());
    assertFalse(SdpParser.parse(head + "m=audio 1 RTP/AVP 0\r\n".repeat(17)).isOk());
    assertFalse(SdpParser.parse(new byte[64 * 1024 + 1]).isOk());
  }
}
