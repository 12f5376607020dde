//! What a verifier does with a revealed location: check it ([`crate::location`]), connect to a
//! checked address, and download exactly the revealed number of bytes within a time proportional
//! to that size.

use std::{net::SocketAddr, time::Duration};

use http_body_util::{BodyExt, Empty};
use hyper::{body::Bytes, header, Request, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

use crate::{
	check_hash,
	location::{ArtifactUrl, HostPolicy},
	ArtifactError, TransportError,
};

/// The shortest time a fetch is given, however small the artifact: connecting and a first
/// answer.
pub const FETCH_TIMEOUT_FLOOR: Duration = Duration::from_secs(10);
/// The slowest transfer rate a trainer's server may have (bytes per second); a fetch may take
/// [`FETCH_TIMEOUT_FLOOR`] plus the revealed size at this rate.
pub const MIN_FETCH_RATE: u64 = 1_000_000;
/// The most memory reserved before any byte arrived.
const INITIAL_BUFFER: u64 = 1 << 20;

/// How long a fetch of `size` bytes may take in all: [`FETCH_TIMEOUT_FLOOR`] plus `size` at
/// [`MIN_FETCH_RATE`].
pub fn fetch_timeout(size: u64) -> Duration {
	let transfer_ms = size.saturating_mul(1_000) / MIN_FETCH_RATE;
	FETCH_TIMEOUT_FLOOR.saturating_add(Duration::from_millis(transfer_ms))
}

/// Download the artifact at `location`, which its trainer revealed with hash `expected` and
/// exactly `size` bytes.
///
/// The location must name `expected` and, under [`HostPolicy::PublicOnly`], resolve only to
/// public addresses; the connection goes to an address that was checked. A `Content-Length`
/// other than `size` is refused at once, the body is streamed and cut as soon as it exceeds
/// `size` (never more than `size` bytes are held), and the whole fetch is bounded by
/// [`fetch_timeout`]. The bytes returned hash to `expected`.
pub async fn fetch(
	location: &str,
	expected: &[u8; 32],
	size: u64,
	policy: HostPolicy,
) -> Result<Vec<u8>, ArtifactError> {
	tokio::time::timeout(fetch_timeout(size), fetch_in_time(location, expected, size, policy))
		.await
		.map_err(|_| ArtifactError::Timeout(location.to_owned()))?
}

async fn fetch_in_time(
	location: &str,
	expected: &[u8; 32],
	size: u64,
	policy: HostPolicy,
) -> Result<Vec<u8>, ArtifactError> {
	let url = ArtifactUrl::parse(location, expected)
		.map_err(|reason| ArtifactError::BadLocation { location: location.to_owned(), reason })?;
	let addresses = url.base.resolve(location, policy).await?;
	let unreachable = |reason: TransportError| ArtifactError::Unreachable { location: location.to_owned(), reason };
	let stream = connect_checked(&addresses).await.map_err(|e| unreachable(TransportError::Connect(e)))?;
	let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
		.await
		.map_err(|e| unreachable(TransportError::Http(e)))?;
	let connection = tokio::spawn(connection);
	let result: Result<Vec<u8>, ArtifactError> = async {
		let request = Request::get(url.path())
			.header(header::HOST, url.base.authority.as_str())
			.body(Empty::<Bytes>::new())
			.map_err(|e| unreachable(TransportError::Request(e)))?;
		let mut response = sender.send_request(request).await.map_err(|e| unreachable(TransportError::Http(e)))?;
		if response.status() != StatusCode::OK {
			return Err(ArtifactError::Status { location: location.to_owned(), status: response.status().as_u16() });
		}
		if let Some(announced) = response.headers().get(header::CONTENT_LENGTH) {
			let text = String::from_utf8_lossy(announced.as_bytes()).into_owned();
			if text.trim().parse::<u64>().ok() != Some(size) {
				return Err(ArtifactError::ContentLength {
					location: location.to_owned(),
					announced: text,
					expected: size,
				});
			}
		}
		let mut bytes = Vec::with_capacity(usize::try_from(size.min(INITIAL_BUFFER)).unwrap_or(0));
		while let Some(frame) = response.body_mut().frame().await {
			let frame = frame.map_err(|e| unreachable(TransportError::Http(e)))?;
			if let Some(chunk) = frame.data_ref() {
				if (bytes.len() as u64).saturating_add(chunk.len() as u64) > size {
					return Err(ArtifactError::TooLarge { limit: size });
				}
				bytes.extend_from_slice(chunk);
			}
		}
		if bytes.len() as u64 != size {
			return Err(ArtifactError::TooShort { received: bytes.len() as u64, expected: size });
		}
		check_hash(&bytes, expected)?;
		Ok(bytes)
	}
	.await;
	connection.abort();
	result
}

/// A connection to the first of `addresses` that answers; no name is resolved here.
async fn connect_checked(addresses: &[SocketAddr]) -> std::io::Result<TcpStream> {
	let mut last = std::io::Error::new(std::io::ErrorKind::AddrNotAvailable, "no address to connect to");
	for address in addresses {
		match TcpStream::connect(*address).await {
			Ok(stream) => return Ok(stream),
			Err(error) => last = error,
		}
	}
	Err(last)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{content_hash, hex_name, spawn_server, ArtifactStore, LocationError};

	const LOCAL: HostPolicy = HostPolicy::AllowPrivate;

	async fn served(dir: &std::path::Path) -> (ArtifactStore, String) {
		let store = ArtifactStore::open(dir).unwrap();
		let (address, _server) = spawn_server(store.clone(), "127.0.0.1:0".parse().unwrap()).await.unwrap();
		(store, format!("http://{address}"))
	}

	/// A one-shot HTTP server on a plain thread that answers any request with `head` and then
	/// `body`, and closes.
	fn raw_server(head: &str, body: Vec<u8>) -> String {
		use std::io::{Read, Write};
		let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
		let address = listener.local_addr().unwrap();
		let head = head.to_owned();
		std::thread::spawn(move || {
			let Ok((mut stream, _)) = listener.accept() else { return };
			let mut request = [0u8; 1024];
			let _ = stream.read(&mut request);
			let _ = stream.write_all(head.as_bytes());
			// A write fails once the client hung up, having seen too much: expected.
			for chunk in body.chunks(16 * 1024) {
				if stream.write_all(chunk).is_err() {
					return;
				}
			}
		});
		format!("http://{address}")
	}

	#[tokio::test]
	async fn serves_and_fetches_by_hash() {
		let dir = tempfile::tempdir().unwrap();
		let (store, base) = served(dir.path()).await;
		let bytes = b"weights".repeat(1000);
		let size = bytes.len() as u64;
		let hash = store.put(&bytes).unwrap();
		let url = format!("{base}/{}", hex_name(&hash));
		assert_eq!(fetch(&url, &hash, size, LOCAL).await.unwrap(), bytes);

		// A revealed size that is not the served one: refused from the Content-Length.
		assert!(matches!(fetch(&url, &hash, 100, LOCAL).await, Err(ArtifactError::ContentLength { expected: 100, .. })));
		assert!(matches!(fetch(&url, &hash, size + 1, LOCAL).await, Err(ArtifactError::ContentLength { .. })));
		// Another name for the same URL: the path does not name the revealed hash.
		assert!(matches!(
			fetch(&url, &[9; 32], size, LOCAL).await,
			Err(ArtifactError::BadLocation { reason: LocationError::PathHashMismatch { .. }, .. })
		));
		// Missing artifact, bad paths, bad URLs, nobody listening.
		let missing = format!("{base}/{}", hex_name(&[1; 32]));
		assert!(matches!(fetch(&missing, &[1; 32], size, LOCAL).await, Err(ArtifactError::Status { status: 404, .. })));
		assert!(matches!(
			fetch(&format!("{base}/etc/passwd"), &hash, size, LOCAL).await,
			Err(ArtifactError::BadLocation { reason: LocationError::BadPath, .. })
		));
		assert!(matches!(
			fetch("ftp://x/y", &hash, 10, LOCAL).await,
			Err(ArtifactError::BadLocation { reason: LocationError::NotHttp, .. })
		));
		assert!(matches!(
			fetch(&format!("http:///{}", hex_name(&hash)), &hash, 10, LOCAL).await,
			Err(ArtifactError::BadLocation { reason: LocationError::NoHost, .. })
		));
		let nobody = format!("http://127.0.0.1:1/{}", hex_name(&hash));
		assert!(matches!(fetch(&nobody, &hash, 10, LOCAL).await, Err(ArtifactError::Unreachable { .. })));
	}

	#[tokio::test]
	async fn a_live_chain_never_contacts_private_hosts() {
		let dir = tempfile::tempdir().unwrap();
		let (store, base) = served(dir.path()).await;
		let bytes = b"weights".to_vec();
		let hash = store.put(&bytes).unwrap();
		let path = hex_name(&hash);
		for location in [
			format!("{base}/{path}"),
			format!("http://10.0.0.1:9955/{path}"),
			format!("http://172.16.0.1:9955/{path}"),
			format!("http://192.168.1.1:9955/{path}"),
			format!("http://169.254.169.254/{path}"),
			format!("http://[::1]:9955/{path}"),
			format!("http://[fe80::1]:9955/{path}"),
		] {
			assert!(
				matches!(
					fetch(&location, &hash, bytes.len() as u64, HostPolicy::PublicOnly).await,
					Err(ArtifactError::ForbiddenAddress { .. })
				),
				"{location}"
			);
		}
		// The same server, on a development chain.
		assert_eq!(fetch(&format!("{base}/{path}"), &hash, bytes.len() as u64, LOCAL).await.unwrap(), bytes);
		// User information is refused before any host is looked at.
		assert!(matches!(
			fetch(&format!("http://user@8.8.8.8/{path}"), &hash, 7, HostPolicy::PublicOnly).await,
			Err(ArtifactError::BadLocation { reason: LocationError::UserInfo, .. })
		));
	}

	#[tokio::test]
	async fn a_body_larger_than_revealed_is_cut_and_refused() {
		let revealed = b"small artifact".to_vec();
		let hash = content_hash(&revealed);
		let path = hex_name(&hash);
		// No Content-Length: the body runs until the server closes, 8 MiB of it.
		let base = raw_server("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", vec![7u8; 8 << 20]);
		let started = std::time::Instant::now();
		let result = fetch(&format!("{base}/{path}"), &hash, revealed.len() as u64, LOCAL).await;
		assert!(matches!(result, Err(ArtifactError::TooLarge { limit: 14 })), "{result:?}");
		assert!(started.elapsed() < FETCH_TIMEOUT_FLOOR);

		// A Content-Length other than the revealed size is refused before the body is read.
		let base = raw_server("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n", vec![7u8; 1_000_000]);
		let result = fetch(&format!("{base}/{path}"), &hash, revealed.len() as u64, LOCAL).await;
		assert!(matches!(result, Err(ArtifactError::ContentLength { expected: 14, .. })), "{result:?}");

		// A shorter body than revealed.
		let base = raw_server("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", b"small".to_vec());
		let result = fetch(&format!("{base}/{path}"), &hash, revealed.len() as u64, LOCAL).await;
		assert!(matches!(result, Err(ArtifactError::TooShort { received: 5, expected: 14 })), "{result:?}");

		// The exact bytes, without a Content-Length: accepted.
		let base = raw_server("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", revealed.clone());
		assert_eq!(fetch(&format!("{base}/{path}"), &hash, revealed.len() as u64, LOCAL).await.unwrap(), revealed);
	}

	#[test]
	fn the_time_allowed_grows_with_the_size() {
		assert_eq!(fetch_timeout(0), FETCH_TIMEOUT_FLOOR);
		assert_eq!(fetch_timeout(19_000), FETCH_TIMEOUT_FLOOR + Duration::from_millis(19));
		assert_eq!(fetch_timeout(64 << 20), FETCH_TIMEOUT_FLOOR + Duration::from_millis(67_108));
		assert!(fetch_timeout(u64::MAX) > FETCH_TIMEOUT_FLOOR);
	}
}
