package fazt.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The address rule on its own, including IPv6 forms a resolver may hand out as they are. */
class BlockedAddressesTest {
    private static String reason(String literal) throws Exception {
        return BlockedAddresses.reason(InetAddress.getByName(literal));
    }

    @Test
    void publicAddressesPass() throws Exception {
        assertThat(reason("93.184.215.14")).isNull();
        assertThat(reason("1.1.1.1")).isNull();
        assertThat(reason("2606:4700:4700::1111")).isNull();
        assertThat(reason("100.63.255.255")).isNull(); // just below CGNAT
        assertThat(reason("172.32.0.1")).isNull(); // just above 172.16/12
    }

    @Test
    void internalRangesAreNamed() throws Exception {
        assertThat(reason("127.8.9.10")).isEqualTo("a loopback address");
        assertThat(reason("10.255.0.1")).isEqualTo("a private address");
        assertThat(reason("172.31.255.254")).isEqualTo("a private address");
        assertThat(reason("100.127.0.1")).isEqualTo("a shared (CGNAT) address");
        assertThat(reason("239.1.1.1")).isEqualTo("a multicast address");
        assertThat(reason("255.255.255.255")).isEqualTo("a reserved address");
        assertThat(reason("::")).isEqualTo("an unspecified address");
        assertThat(reason("fec0::1")).isEqualTo("a private address");
        assertThat(reason("ff02::1")).isEqualTo("a multicast address");
        assertThat(reason("100.100.100.200")).isEqualTo("a cloud metadata address");
    }

    @Test
    void ipv6FormsCarryingAnInternalIpv4AddressAreRefusedLikeIt() throws Exception {
        // built as Inet6Address on purpose: InetAddress.getByName would already turn a mapped form into IPv4
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 169;
        mapped[13] = (byte) 254;
        mapped[14] = (byte) 169;
        mapped[15] = (byte) 254;
        assertThat(BlockedAddresses.reason(Inet6Address.getByAddress(null, mapped, -1))).isEqualTo("a cloud metadata address");
        assertThat(reason("::127.0.0.1")).isEqualTo("a loopback address"); // IPv4-compatible
        assertThat(reason("64:ff9b::7f00:1")).isEqualTo("a loopback address"); // NAT64
        assertThat(reason("2002:c0a8:0101::1")).isEqualTo("a private address"); // 6to4 of 192.168.1.1
        assertThat(reason("64:ff9b:1::1")).isEqualTo("a private address"); // local-use NAT64
        assertThat(reason("2002:5db8:d70e::1")).isNull(); // 6to4 of a public address
    }

    @Test
    void metadataNamesAreKnownWithoutResolving() {
        assertThat(BlockedAddresses.isMetadataName("metadata.google.internal")).isTrue();
        assertThat(BlockedAddresses.isMetadataName("METADATA.GOOGLE.INTERNAL")).isTrue();
        assertThat(BlockedAddresses.isMetadataName("google.com")).isFalse();
    }

    @Test
    void rangesParseOnlyLiteralsAndNeverLookUpANames() {
        assertThat(AddressRange.parse("10.0.0.0/8")).isNotNull();
        assertThat(AddressRange.parse("fd00::/8")).isNotNull();
        assertThat(AddressRange.parse("999.1.1.1")).isNull();
        assertThat(AddressRange.parse("10.0.0.0/33")).isNull();
        assertThat(AddressRange.parse("example.com")).isNull();
        assertThat(AddressRange.parse("")).isNull();
    }
}
