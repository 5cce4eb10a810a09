//! The SSRF guard: a webhook target must not reach the internal network. The target's name is
//! resolved once, every address it resolves to is checked, and [`super::send`] connects to those
//! very addresses: a second lookup could answer differently (DNS rebinding).
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use url::{Host, Url};

/// Why an address is internal ("loopback", "private", ...), or `None` for a public one.
pub fn forbidden(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => forbidden_v6(v6),
    }
}

fn forbidden_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, ..] = ip.octets();
    Some(match () {
        _ if ip.is_unspecified() || a == 0 => "unspecified",
        _ if ip.is_loopback() => "loopback",
        _ if ip.is_private() => "private",
        // Carrier-grade NAT (100.64.0.0/10): internal to a provider's network.
        _ if a == 100 && (64..128).contains(&b) => "private",
        _ if ip.is_link_local() => "link-local",
        _ if ip.is_multicast() => "multicast",
        _ if ip.is_broadcast() || a >= 240 => "reserved",
        _ => return None,
    })
}

fn forbidden_v6(ip: Ipv6Addr) -> Option<&'static str> {
    // IPv4 written as IPv6 (::ffff:10.0.0.1, NAT64 64:ff9b::/96, 6to4 2002::/16) reaches the
    // IPv4 address inside.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return forbidden_v4(v4);
    }
    let s = ip.segments();
    if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
        return forbidden_v4(Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8));
    }
    if s[0] == 0x2002 {
        return forbidden_v4(Ipv4Addr::new((s[1] >> 8) as u8, s[1] as u8, (s[2] >> 8) as u8, s[2] as u8));
    }
    Some(match () {
        _ if ip.is_unspecified() => "unspecified",
        _ if ip.is_loopback() => "loopback",
        // fc00::/7
        _ if s[0] & 0xfe00 == 0xfc00 => "unique-local",
        // fe80::/10, and the old site-local fec0::/10
        _ if s[0] & 0xffc0 == 0xfe80 => "link-local",
        _ if s[0] & 0xffc0 == 0xfec0 => "private",
        _ if ip.is_multicast() => "multicast",
        // ::a.b.c.d, the deprecated IPv4-compatible form
        _ if s[..6] == [0, 0, 0, 0, 0, 0] => "reserved",
        _ => return None,
    })
}

/// Why a target was not contacted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Policy: the target is (or resolves to) an internal address. Not worth retrying.
    #[error("refused: {0}")]
    Internal(String),
    /// The name did not resolve (for now): retried.
    #[error("{0}")]
    Lookup(String),
}

/// The addresses to connect to for `url`, each checked unless `allow_private`.
pub async fn resolve(url: &Url, allow_private: bool) -> Result<Vec<SocketAddr>, Refusal> {
    let port = url.port_or_known_default().unwrap_or(80);
    let (name, addrs) = match url.host() {
        Some(Host::Ipv4(ip)) => (ip.to_string(), vec![SocketAddr::new(IpAddr::V4(ip), port)]),
        Some(Host::Ipv6(ip)) => (ip.to_string(), vec![SocketAddr::new(IpAddr::V6(ip), port)]),
        Some(Host::Domain(d)) => {
            let found = tokio::net::lookup_host((d, port))
                .await
                .map_err(|e| Refusal::Lookup(format!("cannot resolve {d}: {e}")))?;
            let mut addrs: Vec<SocketAddr> = Vec::new();
            for a in found {
                if !addrs.contains(&a) {
                    addrs.push(a);
                }
            }
            (d.to_string(), addrs)
        }
        None => return Err(Refusal::Internal("the URL has no host".into())),
    };
    if addrs.is_empty() {
        return Err(Refusal::Lookup(format!("{name} has no address")));
    }
    if !allow_private {
        // One internal address among public ones is enough to refuse: which one a client would
        // use is up to the order of the answer.
        for a in &addrs {
            if let Some(kind) = forbidden(a.ip()) {
                let what =
                    if name == a.ip().to_string() { name.clone() } else { format!("{name} resolves to {}", a.ip()) };
                return Err(Refusal::Internal(format!(
                    "{what}, a {kind} address (webhooks.allow_private_targets is off)"
                )));
            }
        }
    }
    Ok(addrs)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_named_and_public_ones_pass() {
        let cases = [
            ("127.0.0.1", Some("loopback")),
            ("10.20.30.40", Some("private")),
            ("172.16.0.1", Some("private")),
            ("192.168.1.1", Some("private")),
            ("100.64.0.1", Some("private")),
            ("169.254.169.254", Some("link-local")),
            ("0.0.0.0", Some("unspecified")),
            ("224.0.0.1", Some("multicast")),
            ("255.255.255.255", Some("reserved")),
            ("::1", Some("loopback")),
            ("::", Some("unspecified")),
            ("fd12:3456::1", Some("unique-local")),
            ("fe80::1", Some("link-local")),
            ("ff02::1", Some("multicast")),
            ("::ffff:10.0.0.1", Some("private")),
            ("::ffff:127.0.0.1", Some("loopback")),
            ("64:ff9b::a9fe:a9fe", Some("link-local")),
            ("2002:c0a8:0101::1", Some("private")),
            ("93.184.215.14", None),
            ("172.32.0.1", None),
            ("100.128.0.1", None),
            ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", None),
            ("::ffff:93.184.215.14", None),
        ];
        for (ip, want) in cases {
            assert_eq!(forbidden(ip.parse().unwrap()), want, "{ip}");
        }
    }

    #[tokio::test]
    async fn a_name_that_resolves_to_loopback_is_refused_after_resolution() {
        let url = Url::parse("http://localhost:9/hook").unwrap();
        let err = resolve(&url, false).await.unwrap_err();
        assert!(
            matches!(&err, Refusal::Internal(m) if m.contains("localhost resolves to") && m.contains("loopback")),
            "{err}"
        );
        let addrs = resolve(&url, true).await.unwrap();
        assert!(addrs.iter().all(|a| a.ip().is_loopback() && a.port() == 9), "{addrs:?}");
        let literal = Url::parse("http://[::1]:8/").unwrap();
        assert!(
            matches!(resolve(&literal, false).await, Err(Refusal::Internal(m)) if m.starts_with("::1, a loopback"))
        );
    }
}
