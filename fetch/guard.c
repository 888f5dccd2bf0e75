/* guard.c — which network addresses claimdiff refuses to fetch from unless
 * --allow-private is given: everything that is not global unicast.
 *
 * The ranges follow the IANA special-purpose address registries (RFC 6890
 * and its updates): loopback, RFC 1918 private, RFC 6598 shared (CGNAT),
 * link-local, unspecified / "this network", multicast, broadcast, the
 * documentation and benchmarking nets, IPv6 unique-local (fc00::/7) and the
 * deprecated site-local (fec0::/10), and any IPv6 address outside 2000::/3.
 * An IPv6 address that carries an IPv4 address (IPv4-mapped, IPv4-compatible,
 * NAT64 well-known prefix, 6to4) is judged by that IPv4 address, so
 * ::ffff:127.0.0.1 is loopback. http.c calls these on every socket libcurl
 * opens (after DNS, on every redirect hop) and on every URL host. */
#include "net.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

static const char LOOPBACK[] = "a loopback address";
static const char PRIVATE[] = "a private address";
static const char LINK_LOCAL[] = "a link-local address";
static const char SHARED[] = "a shared (CGNAT) address";
static const char UNSPECIFIED[] = "an unspecified address";
static const char MULTICAST[] = "a multicast address";
static const char BROADCAST[] = "a broadcast address";
static const char DOCUMENTATION[] = "a documentation address";
static const char BENCHMARKING[] = "a benchmarking address";
static const char RESERVED[] = "a reserved address";

/* a.b.c.d as one number, a in the high byte */
static const char *v4_refusal(const unsigned char b[4])
{
    uint32_t a = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    static const struct {
        uint32_t net;
        int bits;
        const char *why;
    } tab[] = {
        {0x00000000u, 8, UNSPECIFIED},    /* 0.0.0.0/8 "this network" */
        {0x0a000000u, 8, PRIVATE},        /* 10/8 */
        {0x64400000u, 10, SHARED},        /* 100.64/10 */
        {0x7f000000u, 8, LOOPBACK},       /* 127/8 */
        {0xa9fe0000u, 16, LINK_LOCAL},    /* 169.254/16 */
        {0xac100000u, 12, PRIVATE},       /* 172.16/12 */
        {0xc0000000u, 24, RESERVED},      /* 192.0.0/24 protocol assignments */
        {0xc0000200u, 24, DOCUMENTATION}, /* 192.0.2/24 TEST-NET-1 */
        {0xc0586300u, 24, RESERVED},      /* 192.88.99/24 6to4 relay (deprecated) */
        {0xc0a80000u, 16, PRIVATE},       /* 192.168/16 */
        {0xc6120000u, 15, BENCHMARKING},  /* 198.18/15 */
        {0xc6336400u, 24, DOCUMENTATION}, /* 198.51.100/24 TEST-NET-2 */
        {0xcb007100u, 24, DOCUMENTATION}, /* 203.0.113/24 TEST-NET-3 */
        {0xe0000000u, 4, MULTICAST},      /* 224/4 */
        {0xffffffffu, 32, BROADCAST},     /* 255.255.255.255, before 240/4 */
        {0xf0000000u, 4, RESERVED},       /* 240/4 */
    };
    for (size_t i = 0; i < sizeof tab / sizeof *tab; i++) {
        uint32_t mask = tab[i].bits == 32 ? 0xffffffffu : ~(0xffffffffu >> tab[i].bits);
        if ((a & mask) == tab[i].net)
            return tab[i].why;
    }
    return NULL;
}

static bool zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

static const char *v6_refusal(const unsigned char b[16])
{
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    static const unsigned char nat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    if (zero(b, 16))
        return UNSPECIFIED; /* :: */
    if (zero(b, 15) && b[15] == 1)
        return LOOPBACK; /* ::1 */
    if (memcmp(b, mapped, 12) == 0 || memcmp(b, nat64, 12) == 0)
        return v4_refusal(b + 12); /* ::ffff:a.b.c.d, 64:ff9b::a.b.c.d */
    if (zero(b, 12)) /* ::a.b.c.d, IPv4-compatible (deprecated) */
        return v4_refusal(b + 12) ? v4_refusal(b + 12) : RESERVED;
    if (b[0] == 0x20 && b[1] == 0x02) /* 2002:a.b.c.d::/48, 6to4 */
        return v4_refusal(b + 2);
    if (b[0] == 0xff)
        return MULTICAST; /* ff00::/8 */
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
        return LINK_LOCAL; /* fe80::/10 */
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
        return PRIVATE; /* fec0::/10, site-local (deprecated) */
    if ((b[0] & 0xfe) == 0xfc)
        return PRIVATE; /* fc00::/7, unique local */
    if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0 && b[5] == 1)
        return PRIVATE; /* 64:ff9b:1::/48, local-use NAT64 */
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
        return DOCUMENTATION; /* 2001:db8::/32 */
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0x02 && b[4] == 0 && b[5] == 0)
        return BENCHMARKING; /* 2001:2::/48 */
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
        return RESERVED; /* 2001::/32, Teredo: the IPv4 server is hidden inside */
    if ((b[0] & 0xe0) != 0x20)
        return RESERVED; /* outside 2000::/3, the global unicast space */
    return NULL;
}

const char *cd_addr_refusal(const struct sockaddr *sa)
{
    if (!sa)
        return NULL;
    if (sa->sa_family == AF_INET) {
        struct sockaddr_in in;
        memcpy(&in, sa, sizeof in);
        unsigned char b[4];
        memcpy(b, &in.sin_addr, 4);
        return v4_refusal(b);
    }
    if (sa->sa_family == AF_INET6) {
        struct sockaddr_in6 in6;
        memcpy(&in6, sa, sizeof in6);
        unsigned char b[16];
        memcpy(b, &in6.sin6_addr, 16);
        return v6_refusal(b);
    }
    return NULL;
}

const char *cd_host_refusal(const char *host)
{
    if (!host)
        return NULL;
    char buf[INET6_ADDRSTRLEN + 16];
    size_t n = strlen(host);
    if (n && host[n - 1] == '.') /* "localhost." is localhost */
        n--;
    if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
        host++;
        n -= 2;
    }
    if ((n == 9 && strncasecmp(host, "localhost", 9) == 0) ||
        (n > 10 && strncasecmp(host + n - 10, ".localhost", 10) == 0))
        return LOOPBACK;
    size_t zone = strcspn(host, "%"); /* fe80::1%eth0 */
    if (zone < n)
        n = zone;
    if (n >= sizeof buf)
        return NULL; /* longer than any address: a name */
    memcpy(buf, host, n);
    buf[n] = '\0';
    unsigned char b[16];
    if (inet_pton(AF_INET, buf, b) == 1)
        return v4_refusal(b);
    if (inet_pton(AF_INET6, buf, b) == 1)
        return v6_refusal(b);
    return NULL;
}
