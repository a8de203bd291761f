package fazt.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressesTest {
    @Test
    void ipv4KeepsItsSlash24() {
        assertThat(Addresses.truncate("203.0.113.77")).isEqualTo("203.0.113.0");
        assertThat(Addresses.truncate("10.1.2.3")).isEqualTo("10.1.2.0");
        assertThat(Addresses.truncate("::ffff:198.51.100.9")).isEqualTo("198.51.100.0");
    }

    @Test
    void ipv6KeepsItsSlash48() {
        assertThat(Addresses.truncate("2001:db8:1234:5678::1")).isEqualTo("2001:db8:1234::");
        assertThat(Addresses.truncate("[2001:0db8:00ab:ffff:1:2:3:4]")).isEqualTo("2001:db8:ab::");
        assertThat(Addresses.truncate("::1")).isEqualTo("0:0:0::");
    }

    @Test
    void whatIsNotAnAddressIsNotStored() {
        assertThat(Addresses.truncate(null)).isNull();
        assertThat(Addresses.truncate("unknown")).isNull();
        assertThat(Addresses.truncate("example.com")).isNull();
        assertThat(Addresses.truncate("999.1.1.1")).isNull();
    }
}
