//! Where a verifier may fetch an artifact from.
//!
//! A trainer chooses the URL it reveals, so a verifier that fetched any URL could be made to
//! request its own loopback services, its private network or a cloud metadata endpoint. Until
//! the marketplace's data plane replaces URLs, a location is fetched only when
//!
//! - it is exactly `http://host[:port]/0x<64 hex digits>` naming the revealed hash (no user
//!   information, no other path, no query or fragment), and
//! - under [`HostPolicy::PublicOnly`], every address the host resolves to is public: not
//!   loopback, private (RFC 1918, shared 100.64/10, fc00::/7), link-local (169.254/16 with the
//!   metadata address 169.254.169.254, fe80::/10), unspecified, multicast, broadcast or reserved.
//!
//! The fetcher then connects to one of the addresses it checked, never resolving the name again,
//! so a name that resolves differently the second time (DNS rebinding) gains nothing.

use std::{
	fmt,
	net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr},
};

use crate::{hex_name, ArtifactError, LocationError, TransportError};

/// The port of `http://host/...` without one.
const HTTP_PORT: u16 = 80;
/// Longest DNS name.
const MAX_HOST_NAME_LEN: usize = 253;

/// Which hosts artifacts may be fetched from (and a trainer's base URL may name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostPolicy {
	/// Public unicast addresses only: a live chain.
	PublicOnly,
	/// Any address, loopback and private ranges included: a development or local chain, whose
	/// contributors run on one machine or network, or an operator's explicit choice.
	AllowPrivate,
}

/// Why an address is not public.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressClass {
	/// 127/8, ::1.
	Loopback,
	/// 10/8, 172.16/12, 192.168/16, 100.64/10 (shared address space), fc00::/7, fec0::/10.
	Private,
	/// 169.254/16 (cloud metadata services live at 169.254.169.254), fe80::/10.
	LinkLocal,
	/// 0/8, ::.
	Unspecified,
	/// 224/4, ff00::/8.
	Multicast,
	/// 255.255.255.255.
	Broadcast,
	/// 240/4: reserved for future use.
	Reserved,
}

impl fmt::Display for AddressClass {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(match self {
			AddressClass::Loopback => "loopback",
			AddressClass::Private => "private",
			AddressClass::LinkLocal => "link-local",
			AddressClass::Unspecified => "unspecified",
			AddressClass::Multicast => "multicast",
			AddressClass::Broadcast => "broadcast",
			AddressClass::Reserved => "reserved",
		})
	}
}

/// Why `address` is not a public unicast address, or `None` when it is.
pub fn non_public_class(address: IpAddr) -> Option<AddressClass> {
	match address {
		IpAddr::V4(v4) => v4_class(v4),
		IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
			Some(v4) => v4_class(v4),
			None => v6_class(v6),
		},
	}
}

fn v4_class(address: Ipv4Addr) -> Option<AddressClass> {
	let [first, second, ..] = address.octets();
	if first == 0 {
		Some(AddressClass::Unspecified)
	} else if address.is_loopback() {
		Some(AddressClass::Loopback)
	} else if address.is_private() || (first == 100 && (second & 0xc0) == 64) {
		Some(AddressClass::Private)
	} else if address.is_link_local() {
		Some(AddressClass::LinkLocal)
	} else if address.is_multicast() {
		Some(AddressClass::Multicast)
	} else if address.is_broadcast() {
		Some(AddressClass::Broadcast)
	} else if first >= 240 {
		Some(AddressClass::Reserved)
	} else {
		None
	}
}

fn v6_class(address: Ipv6Addr) -> Option<AddressClass> {
	let [first, ..] = address.segments();
	if address.is_unspecified() {
		Some(AddressClass::Unspecified)
	} else if address.is_loopback() {
		Some(AddressClass::Loopback)
	} else if address.is_multicast() {
		Some(AddressClass::Multicast)
	} else if (first & 0xffc0) == 0xfe80 {
		Some(AddressClass::LinkLocal)
	} else if (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfec0 {
		Some(AddressClass::Private)
	} else {
		None
	}
}

/// A host as written in a URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Host {
	/// An IP address (IPv6 without its brackets).
	Ip(IpAddr),
	/// A DNS name, resolved when fetching.
	Name(String),
}

/// `http://host[:port]`: where a trainer serves its artifacts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
	/// `host[:port]` as written, for the `Host` header.
	pub authority: String,
	/// The host.
	pub host: Host,
	/// The port (80 when not written).
	pub port: u16,
}

impl BaseUrl {
	/// Parse `http://host[:port]` (one trailing `/` allowed).
	pub fn parse(url: &str) -> Result<Self, LocationError> {
		let rest = url.strip_prefix("http://").ok_or(LocationError::NotHttp)?;
		if rest.contains(['?', '#']) {
			return Err(LocationError::QueryOrFragment);
		}
		let authority = rest.strip_suffix('/').unwrap_or(rest);
		if authority.contains('/') {
			return Err(LocationError::PathInBaseUrl);
		}
		Self::from_authority(authority)
	}

	fn from_authority(authority: &str) -> Result<Self, LocationError> {
		if authority.is_empty() {
			return Err(LocationError::NoHost);
		}
		if authority.contains('@') {
			return Err(LocationError::UserInfo);
		}
		let bad_host = || LocationError::BadHost(authority.to_owned());
		let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
			let (inside, after) = bracketed.split_once(']').ok_or_else(bad_host)?;
			let address: Ipv6Addr = inside.parse().map_err(|_| bad_host())?;
			let port = match after {
				"" => None,
				_ => Some(after.strip_prefix(':').ok_or_else(bad_host)?),
			};
			(Host::Ip(IpAddr::V6(address)), port)
		} else {
			let (host, port) = match authority.rsplit_once(':') {
				Some((host, port)) => (host, Some(port)),
				None => (authority, None),
			};
			(parse_host(host)?, port)
		};
		let port = match port {
			None => HTTP_PORT,
			Some(text) => text
				.parse::<u16>()
				.ok()
				.filter(|port| *port != 0)
				.ok_or_else(|| LocationError::BadPort(text.to_owned()))?,
		};
		Ok(Self { authority: authority.to_owned(), host, port })
	}

	/// The URL, without a trailing slash: the location of artifact `hash` is this plus
	/// `/0x<hash>`.
	pub fn as_url(&self) -> String {
		format!("http://{}", self.authority)
	}

	/// The addresses of the host, each checked against `policy`; `location` names the URL in
	/// errors.
	pub async fn resolve(&self, location: &str, policy: HostPolicy) -> Result<Vec<SocketAddr>, ArtifactError> {
		let unreachable = |reason: TransportError| ArtifactError::Unreachable { location: location.to_owned(), reason };
		let addresses: Vec<SocketAddr> = match &self.host {
			Host::Ip(address) => vec![SocketAddr::new(*address, self.port)],
			Host::Name(name) => tokio::net::lookup_host((name.as_str(), self.port))
				.await
				.map_err(|source| unreachable(TransportError::Resolve { name: name.clone(), source }))?
				.collect(),
		};
		if addresses.is_empty() {
			return Err(unreachable(TransportError::NoAddress));
		}
		if policy == HostPolicy::PublicOnly {
			for address in &addresses {
				if let Some(class) = non_public_class(address.ip()) {
					return Err(ArtifactError::ForbiddenAddress {
						location: location.to_owned(),
						address: address.ip(),
						class,
					});
				}
			}
		}
		Ok(addresses)
	}
}

fn parse_host(host: &str) -> Result<Host, LocationError> {
	if let Ok(address) = host.parse::<Ipv4Addr>() {
		return Ok(Host::Ip(IpAddr::V4(address)));
	}
	let valid = !host.is_empty() &&
		host.len() <= MAX_HOST_NAME_LEN &&
		host.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
	if valid {
		Ok(Host::Name(host.to_ascii_lowercase()))
	} else {
		Err(LocationError::BadHost(host.to_owned()))
	}
}

/// A revealed artifact location a verifier may fetch: `http://host[:port]/0x<hash>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArtifactUrl {
	/// Where the artifact is served.
	pub base: BaseUrl,
	/// The artifact's hash, as named by the path.
	pub hash: [u8; 32],
}

impl ArtifactUrl {
	/// Parse `location` and check that its path names `revealed`, the hash revealed on chain.
	pub fn parse(location: &str, revealed: &[u8; 32]) -> Result<Self, LocationError> {
		let rest = location.strip_prefix("http://").ok_or(LocationError::NotHttp)?;
		if rest.contains(['?', '#']) {
			return Err(LocationError::QueryOrFragment);
		}
		let (authority, path) = match rest.split_once('/') {
			Some(split) => split,
			None => (rest, ""),
		};
		let base = BaseUrl::from_authority(authority)?;
		let digits = path.strip_prefix("0x").ok_or(LocationError::BadPath)?;
		let mut hash = [0u8; 32];
		hex::decode_to_slice(digits, &mut hash).map_err(|_| LocationError::BadPath)?;
		if &hash != revealed {
			return Err(LocationError::PathHashMismatch { named: hex_name(&hash), revealed: hex_name(revealed) });
		}
		Ok(Self { base, hash })
	}

	/// The request target: `/0x<hash>`.
	pub fn path(&self) -> String {
		format!("/{}", hex_name(&self.hash))
	}
}

/// Check the base URL a trainer publishes for its artifacts: it must have the shape verifiers
/// accept and, under [`HostPolicy::PublicOnly`], resolve to public addresses only (verifiers on a
/// live chain refuse anything else). Returns it without a trailing slash.
pub async fn check_base_url(url: &str, policy: HostPolicy) -> Result<String, ArtifactError> {
	let base = BaseUrl::parse(url)
		.map_err(|reason| ArtifactError::BadLocation { location: url.to_owned(), reason })?;
	base.resolve(url, policy).await?;
	Ok(base.as_url())
}

#[cfg(test)]
mod tests {
	use super::*;

	fn class(address: &str) -> Option<AddressClass> {
		non_public_class(address.parse().unwrap())
	}

	#[test]
	fn classifies_addresses() {
		assert_eq!(class("127.0.0.1"), Some(AddressClass::Loopback));
		assert_eq!(class("127.200.0.9"), Some(AddressClass::Loopback));
		assert_eq!(class("10.1.2.3"), Some(AddressClass::Private));
		assert_eq!(class("172.16.0.1"), Some(AddressClass::Private));
		assert_eq!(class("172.31.255.255"), Some(AddressClass::Private));
		assert_eq!(class("192.168.1.10"), Some(AddressClass::Private));
		assert_eq!(class("100.64.0.1"), Some(AddressClass::Private));
		assert_eq!(class("169.254.169.254"), Some(AddressClass::LinkLocal));
		assert_eq!(class("0.0.0.0"), Some(AddressClass::Unspecified));
		assert_eq!(class("224.0.0.1"), Some(AddressClass::Multicast));
		assert_eq!(class("255.255.255.255"), Some(AddressClass::Broadcast));
		assert_eq!(class("240.0.0.1"), Some(AddressClass::Reserved));
		assert_eq!(class("::1"), Some(AddressClass::Loopback));
		assert_eq!(class("::"), Some(AddressClass::Unspecified));
		assert_eq!(class("fe80::1"), Some(AddressClass::LinkLocal));
		assert_eq!(class("fd12:3456::1"), Some(AddressClass::Private));
		assert_eq!(class("ff02::1"), Some(AddressClass::Multicast));
		assert_eq!(class("::ffff:10.0.0.1"), Some(AddressClass::Private));
		assert_eq!(class("::ffff:169.254.169.254"), Some(AddressClass::LinkLocal));
		// Public addresses, including the neighbours of the private ranges.
		for public in ["8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "1.1.1.1", "2001:4860:4860::8888"] {
			assert_eq!(class(public), None, "{public}");
		}
	}

	#[test]
	fn only_artifact_paths_naming_the_revealed_hash_parse() {
		let hash = [0xab; 32];
		let path = hex_name(&hash);
		let parse = |location: String| ArtifactUrl::parse(&location, &hash);

		let url = parse(format!("http://example.org:9955/{path}")).unwrap();
		assert_eq!(url.base.host, Host::Name("example.org".into()));
		assert_eq!((url.base.port, url.path()), (9955, format!("/{path}")));
		assert_eq!(parse(format!("http://example.org/{path}")).unwrap().base.port, 80);
		let v6 = parse(format!("http://[2001:db8::1]:8080/{path}")).unwrap();
		assert_eq!(v6.base.host, Host::Ip("2001:db8::1".parse().unwrap()));
		assert_eq!(v6.base.authority, "[2001:db8::1]:8080");

		assert_eq!(parse(format!("https://example.org/{path}")), Err(LocationError::NotHttp));
		assert_eq!(parse(format!("http://user@example.org/{path}")), Err(LocationError::UserInfo));
		assert_eq!(parse(format!("http://user:pw@example.org/{path}")), Err(LocationError::UserInfo));
		assert_eq!(parse(format!("http:///{path}")), Err(LocationError::NoHost));
		assert_eq!(parse(format!("http://example.org:0/{path}")), Err(LocationError::BadPort("0".into())));
		assert_eq!(parse(format!("http://example.org:x/{path}")), Err(LocationError::BadPort("x".into())));
		assert!(matches!(parse(format!("http://ex ample.org/{path}")), Err(LocationError::BadHost(_))));
		assert!(matches!(parse(format!("http://[::1/{path}")), Err(LocationError::BadHost(_))));
		assert_eq!(parse(format!("http://example.org/{path}?x=1")), Err(LocationError::QueryOrFragment));
		assert_eq!(parse(format!("http://example.org/{path}#x")), Err(LocationError::QueryOrFragment));
		assert_eq!(parse("http://example.org/etc/passwd".into()), Err(LocationError::BadPath));
		assert_eq!(parse(format!("http://example.org/{path}/more")), Err(LocationError::BadPath));
		assert_eq!(parse(format!("http://example.org/a/{path}")), Err(LocationError::BadPath));
		assert_eq!(parse("http://example.org/0xab".into()), Err(LocationError::BadPath));
		assert_eq!(parse("http://example.org".into()), Err(LocationError::BadPath));
		assert!(matches!(
			parse(format!("http://example.org/{}", hex_name(&[0xcd; 32]))),
			Err(LocationError::PathHashMismatch { .. })
		));
	}

	#[test]
	fn base_urls_have_no_path() {
		assert_eq!(BaseUrl::parse("http://my.host:9955").unwrap().as_url(), "http://my.host:9955");
		assert_eq!(BaseUrl::parse("http://my.host:9955/").unwrap().as_url(), "http://my.host:9955");
		assert_eq!(BaseUrl::parse("http://my.host/artifacts"), Err(LocationError::PathInBaseUrl));
		assert_eq!(BaseUrl::parse("my.host:9955"), Err(LocationError::NotHttp));
		assert_eq!(BaseUrl::parse("http://me@my.host"), Err(LocationError::UserInfo));
	}

	#[tokio::test]
	async fn public_only_refuses_what_is_not_public_before_connecting() {
		for url in [
			"http://127.0.0.1:9955",
			"http://10.0.0.7:9955",
			"http://172.16.4.2",
			"http://192.168.0.1:80",
			"http://169.254.169.254",
			"http://[::1]:9955",
			"http://[fe80::1]:9955",
			"http://0.0.0.0:9955",
			// A name is resolved, and every address it resolves to is checked.
			"http://localhost:9955",
		] {
			assert!(
				matches!(check_base_url(url, HostPolicy::PublicOnly).await, Err(ArtifactError::ForbiddenAddress { .. })),
				"{url}"
			);
			// A development or local chain serves and fetches on loopback and private networks.
			assert!(check_base_url(url, HostPolicy::AllowPrivate).await.is_ok(), "{url}");
		}
		assert_eq!(check_base_url("http://8.8.8.8:9955/", HostPolicy::PublicOnly).await.unwrap(), "http://8.8.8.8:9955");
	}
}
