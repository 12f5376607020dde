//! What can go wrong with an artifact, and why a location is refused.

use std::net::IpAddr;

use crate::location::AddressClass;

/// What can go wrong with an artifact.
#[derive(Debug, thiserror::Error)]
pub enum ArtifactError {
	/// The location is not one a verifier fetches from (see [`LocationError`]).
	#[error("refused artifact location `{location}`: {reason}")]
	BadLocation {
		/// The location as revealed.
		location: String,
		/// What is wrong with it.
		#[source]
		reason: LocationError,
	},
	/// The location's host is, or resolves to, an address that is not public while only public
	/// hosts are allowed.
	#[error("refused artifact location `{location}`: {address} is a {class} address")]
	ForbiddenAddress {
		/// The location as revealed (or the base URL checked).
		location: String,
		/// The offending address.
		address: IpAddr,
		/// Why it is not public.
		class: AddressClass,
	},
	/// The server could not be reached, or the exchange with it broke off.
	#[error("cannot reach {location}: {reason}")]
	Unreachable {
		/// The URL.
		location: String,
		/// Why.
		#[source]
		reason: TransportError,
	},
	/// The server answered with an error status (404: it does not have the artifact).
	#[error("{location} answered HTTP {status}")]
	Status {
		/// The URL.
		location: String,
		/// The status code.
		status: u16,
	},
	/// The server announced a body length other than the size the trainer revealed.
	#[error("{location} announced Content-Length `{announced}`, but the trainer revealed {expected} bytes")]
	ContentLength {
		/// The URL.
		location: String,
		/// The header's value, as sent.
		announced: String,
		/// The revealed size.
		expected: u64,
	},
	/// The body grew past the size the trainer revealed; the download was cut there.
	#[error("the artifact is larger than the {limit} bytes its trainer revealed")]
	TooLarge {
		/// The revealed size.
		limit: u64,
	},
	/// The body ended before the size the trainer revealed.
	#[error("the artifact has {received} bytes, but its trainer revealed {expected}")]
	TooShort {
		/// Bytes received.
		received: u64,
		/// The revealed size.
		expected: u64,
	},
	/// The bytes do not hash to the expected name.
	#[error("the artifact's hash is {actual}, expected {expected}")]
	HashMismatch {
		/// The expected hash (hex).
		expected: String,
		/// The hash of what arrived or was stored (hex).
		actual: String,
	},
	/// The transfer took too long.
	#[error("fetching {0} timed out")]
	Timeout(String),
	/// A local file operation failed.
	#[error("artifact store {path}: {source}")]
	Io {
		/// The file or directory.
		path: String,
		/// The cause.
		source: std::io::Error,
	},
}

/// Why an artifact location (or a trainer's base URL) has the wrong shape. Until the
/// marketplace's data plane replaces URLs, a verifier fetches only `http://host[:port]/0x<hash>`
/// naming the revealed hash, so a trainer cannot point verifiers at anything but an artifact.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LocationError {
	/// Not an `http://` URL.
	#[error("only http:// locations are fetched")]
	NotHttp,
	/// `user[:password]@` before the host.
	#[error("user information (`user@`) is not allowed")]
	UserInfo,
	/// Nothing between `http://` and the path.
	#[error("no host")]
	NoHost,
	/// Not a host name or an IP address.
	#[error("`{0}` is not a host name or an IP address")]
	BadHost(String),
	/// Not a port number from 1 to 65535.
	#[error("`{0}` is not a port from 1 to 65535")]
	BadPort(String),
	/// A `?query` or `#fragment`.
	#[error("a query or fragment is not allowed")]
	QueryOrFragment,
	/// An artifact path other than `/0x` and 64 hex digits.
	#[error("the path must be exactly /0x followed by the artifact's 64 hex digits")]
	BadPath,
	/// A base URL with a path: artifacts are served at `/0x<hash>` under the host itself.
	#[error("a base URL is http://host[:port], without a path")]
	PathInBaseUrl,
	/// The path names another artifact than the one revealed.
	#[error("the path names artifact {named}, but the revealed hash is {revealed}")]
	PathHashMismatch {
		/// The hash in the path (hex).
		named: String,
		/// The revealed hash (hex).
		revealed: String,
	},
}

/// Why a trainer's server could not be reached, or the HTTP exchange with it failed.
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
	/// The host's name could not be resolved.
	#[error("cannot resolve {name}: {source}")]
	Resolve {
		/// The host name.
		name: String,
		/// The resolver's error.
		#[source]
		source: std::io::Error,
	},
	/// The host's name resolved to no address at all.
	#[error("the host has no address")]
	NoAddress,
	/// No checked address accepted a connection.
	#[error(transparent)]
	Connect(std::io::Error),
	/// The request could not be built (the location's authority is not a valid `Host` header).
	#[error(transparent)]
	Request(hyper::http::Error),
	/// The HTTP exchange failed: the handshake, the request or the body.
	#[error(transparent)]
	Http(hyper::Error),
}
