//! Who the client is. The TCP peer, unless the peer is a configured trusted proxy: then the
//! right-most `X-Forwarded-For` address that is not itself a trusted proxy.
use std::net::{IpAddr, Ipv6Addr};

use actix_web::HttpRequest;
use ipnet::IpNet;

pub fn client_ip(req: &HttpRequest, trusted: &[IpNet]) -> Option<IpAddr> {
    let peer = req.peer_addr()?.ip();
    let forwarded =
        req.headers().get_all("x-forwarded-for").filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(",");
    Some(resolve(peer, &forwarded, trusted))
}

/// The rule itself, separate from actix for testing.
pub fn resolve(peer: IpAddr, forwarded: &str, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|n| n.contains(&canonical(*ip)));
    if !is_trusted(&peer) {
        return canonical(peer);
    }
    let mut last = peer;
    for part in forwarded.rsplit(',') {
        let Some(ip) = parse_hop(part.trim()) else {
            // A garbled hop: stop believing the chain here and use the last good address.
            break;
        };
        last = ip;
        if !is_trusted(&ip) {
            return canonical(ip);
        }
    }
    canonical(last)
}

fn parse_hop(s: &str) -> Option<IpAddr> {
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Some(ip);
    }
    // "[v6]:port" or "v4:port"
    s.parse::<std::net::SocketAddr>().ok().map(|sa| sa.ip())
}

/// IPv4-mapped IPv6 addresses are the IPv4 client they carry.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(v6),
        },
        v4 => v4,
    }
}

/// The unit a rate limit applies to: an IPv4 address, or an IPv6 /64 (one subscriber's network).
pub fn limit_key(ip: IpAddr) -> IpAddr {
    match canonical(ip) {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(s: &[&str]) -> Vec<IpNet> {
        s.iter().map(|n| n.parse().unwrap()).collect()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let ip = resolve("203.0.113.9".parse().unwrap(), "1.2.3.4", &nets(&["10.0.0.0/8"]));
        assert_eq!(ip, "203.0.113.9".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn a_trusted_proxy_passes_the_rightmost_untrusted_hop() {
        let t = nets(&["10.0.0.0/8", "127.0.0.1/32"]);
        let ip = resolve("127.0.0.1".parse().unwrap(), "6.6.6.6, 198.51.100.7, 10.1.2.3", &t);
        assert_eq!(ip, "198.51.100.7".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn garbage_in_the_chain_stops_at_the_last_good_hop() {
        let t = nets(&["127.0.0.1/32"]);
        let ip = resolve("127.0.0.1".parse().unwrap(), "1.1.1.1, nonsense", &t);
        assert_eq!(ip, "127.0.0.1".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn ipv6_clients_share_a_slash_64() {
        let a = limit_key("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = limit_key("2001:db8:1:2:bbbb::9".parse().unwrap());
        let c = limit_key("2001:db8:1:3::1".parse().unwrap());
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(limit_key("::ffff:192.0.2.1".parse().unwrap()), "192.0.2.1".parse::<IpAddr>().unwrap());
    }
}
