package fazt.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DomainsTest {
    private static final List<String> HERE = List.of("192.168.1.20", "10.0.0.7");

    @Test
    void realDomainIsTrusted() {
        assertThat(Domains.decide("zyt.app", HERE).domain()).isEqualTo("zyt.app");
        assertThat(Domains.decide("Example.COM", List.of()).domain()).isEqualTo("example.com");
    }

    @Test
    void wildcardDomainFollowsTheMachine() {
        assertThat(Domains.decide("192.168.1.20.nip.io", HERE).domain()).isEqualTo("192.168.1.20.nip.io");
        Domains.Decision moved = Domains.decide("10.9.9.9.nip.io", HERE);
        assertThat(moved.domain()).isEqualTo("192.168.1.20.nip.io");
        assertThat(moved.reason()).contains("not this machine");
        assertThat(Domains.decide("10-0-0-7.sslip.io", HERE).domain()).isEqualTo("10-0-0-7.sslip.io");
        assertThat(Domains.decide("app.10.9.9.9.sslip.io", HERE).domain()).isEqualTo("192.168.1.20.nip.io");
    }

    @Test
    void ipFollowsTheMachine() {
        assertThat(Domains.decide("10.0.0.7", HERE).domain()).isEqualTo("10.0.0.7");
        assertThat(Domains.decide("172.20.0.3", HERE).domain()).isEqualTo("192.168.1.20");
    }

    @Test
    void emptyDetectsTheLanAddress() {
        assertThat(Domains.decide("", HERE).domain()).isEqualTo("192.168.1.20.nip.io");
        assertThat(Domains.decide(null, List.of()).domain()).isEqualTo("localhost");
    }

    @Test
    void lanRangesComeFirst() {
        assertThat(Domains.rank("192.168.0.2")).isLessThan(Domains.rank("10.1.1.1"));
        assertThat(Domains.rank("10.1.1.1")).isLessThan(Domains.rank("172.16.0.1"));
        assertThat(Domains.rank("172.16.0.1")).isLessThan(Domains.rank("172.32.0.1"));
        assertThat(Domains.localIpv4()).noneMatch(ip -> ip.startsWith("127."));
    }
}
