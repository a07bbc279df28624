package io.opensbc.config.validation;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressRuleTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "192.0.2.10",
        "127.0.0.1",
        "10.0.0.0",
        "255.255.255.255",
        "::1",
        "2001:db8::10",
        "2001:DB8:0:0:0:0:0:1",
        "fe80::",
        "::ffff:192.0.2.1",
        "64:ff9b::192.0.2.1",
        "1:2:3:4:5:6:7::"
      })
  void ipLiteralsAreAllowed(String address) {
    assertNull(IpAddressRule.check(address));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.0.0",
        "::",
        "0:0:0:0:0:0:0:0",
        "::0.0.0.0",
        "localhost",
        "media.example.com",
        "192.0.2",
        "192.0.2.1.5",
        "192.0.2.256",
        "1.2.3.4:5000",
        "[::1]",
        "2001:db8:::1",
        "2001:db8::1::2",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        "12345::1",
        "g::1",
        "fe80::1%eth0",
        "192.0.2.1::",
        ""
      })
  void otherTextIsRefused(String address) {
    assertNotNull(IpAddressRule.check(address));
  }
}
