package dev.podgrep.ingest.fetch;

import java.net.InetAddress;

/**
 * What kind of address an IP address is, for {@link NetworkGuard}: public, or one of the kinds podgrep never fetches
 * from unless private networks are allowed. IPv6 forms that embed an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d},
 * IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are judged by that IPv4
 * address.
 */
enum AddressKind {
    PUBLIC("a public address"),
    LOOPBACK("a loopback address"),
    LINK_LOCAL("a link-local address"),
    PRIVATE("a private address"),
    SHARED("a shared (carrier-grade NAT) address"),
    MULTICAST("a multicast address"),
    UNSPECIFIED("an unspecified address"),
    RESERVED("a reserved address");

    private final String description;

    AddressKind(String description) {
        this.description = description;
    }

    /** @return e.g. {@code "a private address"} */
    String description() {
        return description;
    }

    static AddressKind of(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? ofIpv4(b) : ofIpv6(b);
    }

    /**
     * 0/8 unspecified ("this network"); 10/8, 172.16/12, 192.168/16 private (RFC 1918); 100.64/10 shared (RFC 6598,
     * carrier-grade NAT, also used by overlay VPNs); 127/8 loopback; 169.254/16 link-local (cloud metadata lives
     * at 169.254.169.254); 224/4 multicast; 192.0.0/24 (IETF protocol assignments), 198.18/15 (benchmarking), 240/4
     * and 255.255.255.255 reserved.
     */
    private static AddressKind ofIpv4(byte[] b) {
        int a0 = b[0] & 0xFF;
        int a1 = b[1] & 0xFF;
        int a2 = b[2] & 0xFF;
        if (a0 == 0) {
            return UNSPECIFIED;
        }
        if (a0 == 127) {
            return LOOPBACK;
        }
        if (a0 == 10 || a0 == 172 && a1 >= 16 && a1 <= 31 || a0 == 192 && a1 == 168) {
            return PRIVATE;
        }
        if (a0 == 100 && a1 >= 64 && a1 <= 127) {
            return SHARED;
        }
        if (a0 == 169 && a1 == 254) {
            return LINK_LOCAL;
        }
        if (a0 >= 224 && a0 <= 239) {
            return MULTICAST;
        }
        if (a0 >= 240 || a0 == 192 && a1 == 0 && a2 == 0 || a0 == 198 && (a1 == 18 || a1 == 19)) {
            return RESERVED;
        }
        return PUBLIC;
    }

    /**
     * :: unspecified; ::1 loopback; fe80::/10 link-local; fc00::/7 unique local and fec0::/10 site-local (private);
     * ff00::/8 multicast; embedded IPv4 forms judged by their IPv4 address.
     */
    private static AddressKind ofIpv6(byte[] b) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        if (firstTenZero && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return ofIpv4(new byte[] {b[12], b[13], b[14], b[15]});                  // ::ffff:a.b.c.d
        }
        if (firstTenZero && b[10] == 0 && b[11] == 0) {
            boolean zeroUpTo15 = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (zeroUpTo15 && b[15] == 0) {
                return UNSPECIFIED;                                                  // ::
            }
            if (zeroUpTo15 && b[15] == 1) {
                return LOOPBACK;                                                     // ::1
            }
            return ofIpv4(new byte[] {b[12], b[13], b[14], b[15]});                  // ::a.b.c.d
        }
        if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B && allZero(b, 4, 12)) {
            return ofIpv4(new byte[] {b[12], b[13], b[14], b[15]});                  // 64:ff9b::a.b.c.d (NAT64)
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return ofIpv4(new byte[] {b[2], b[3], b[4], b[5]});                      // 2002:aabb:ccdd:: (6to4)
        }
        int first = b[0] & 0xFF;
        int second = b[1] & 0xFF;
        if (first == 0xFE && (second & 0xC0) == 0x80) {
            return LINK_LOCAL;                                                       // fe80::/10
        }
        if ((first & 0xFE) == 0xFC || first == 0xFE && (second & 0xC0) == 0xC0) {
            return PRIVATE;                                                          // fc00::/7, fec0::/10
        }
        if (first == 0xFF) {
            return MULTICAST;                                                        // ff00::/8
        }
        return PUBLIC;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
