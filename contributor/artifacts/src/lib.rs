//! # paradigm-artifacts
//!
//! Trained weights travel between contributors as content-addressed artifacts: the name of an
//! artifact is the BLAKE2b-256 of its bytes, the hash a trainer commits on chain.
//!
//! - [`ArtifactStore`]: a directory of artifacts, written atomically and checked when read.
//! - [`serve`]: an HTTP server that answers `GET /0x<hash>` from a store; the URL goes on chain
//!   when the trainer reveals.
//! - [`fetch()`]: what a verifier does with such a URL: refuse any location but
//!   `http://host[:port]/0x<revealed hash>` and, on a live chain, any host that is not public
//!   ([`location`]), then download exactly the revealed size within a time proportional to it and
//!   refuse anything whose hash is not the revealed one. A missing or corrupt artifact is an
//!   [`ArtifactError`], never trusted.

use std::{
	net::SocketAddr,
	path::{Path, PathBuf},
	sync::Arc,
	time::Duration,
};

use http_body_util::Full;
use hyper::{body::Bytes, header, Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;

mod error;
pub mod fetch;
pub mod location;

pub use error::{ArtifactError, LocationError, TransportError};
pub use fetch::{fetch, fetch_timeout};
pub use location::{check_base_url, HostPolicy};

/// The content address of `bytes`.
pub fn content_hash(bytes: &[u8]) -> [u8; 32] {
	sp_crypto_hashing::blake2_256(bytes)
}

/// `0x`-prefixed lowercase hex.
pub fn hex_name(hash: &[u8; 32]) -> String {
	format!("0x{}", hex::encode(hash))
}

pub(crate) fn check_hash(bytes: &[u8], expected: &[u8; 32]) -> Result<(), ArtifactError> {
	let actual = content_hash(bytes);
	if &actual == expected {
		Ok(())
	} else {
		Err(ArtifactError::HashMismatch { expected: hex_name(expected), actual: hex_name(&actual) })
	}
}

/// A directory of artifacts named by their hash.
#[derive(Clone, Debug)]
pub struct ArtifactStore {
	dir: Arc<PathBuf>,
}

impl ArtifactStore {
	/// Open (and create) the store in `dir`.
	pub fn open(dir: &Path) -> Result<Self, ArtifactError> {
		std::fs::create_dir_all(dir).map_err(|source| io_error(dir, source))?;
		Ok(Self { dir: Arc::new(dir.to_owned()) })
	}

	fn path(&self, hash: &[u8; 32]) -> PathBuf {
		self.dir.join(format!("{}.bin", hex::encode(hash)))
	}

	/// Store `bytes`, returning their hash. Writing is atomic, so a crash never leaves a
	/// half-written artifact under a valid name.
	pub fn put(&self, bytes: &[u8]) -> Result<[u8; 32], ArtifactError> {
		let hash = content_hash(bytes);
		let path = self.path(&hash);
		let temporary = path.with_extension("tmp");
		std::fs::write(&temporary, bytes).map_err(|source| io_error(&temporary, source))?;
		std::fs::rename(&temporary, &path).map_err(|source| io_error(&path, source))?;
		Ok(hash)
	}

	/// The artifact named `hash`, checked against its name; `None` when the store lacks it.
	pub fn get(&self, hash: &[u8; 32]) -> Result<Option<Vec<u8>>, ArtifactError> {
		let path = self.path(hash);
		match std::fs::read(&path) {
			Ok(bytes) => check_hash(&bytes, hash).map(|()| Some(bytes)),
			Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
			Err(source) => Err(io_error(&path, source)),
		}
	}
}

fn io_error(path: &Path, source: std::io::Error) -> ArtifactError {
	ArtifactError::Io { path: path.display().to_string(), source }
}

/// Serve `store` over HTTP on `listener` until the task is dropped or aborted: `GET /0x<hash>`
/// returns the artifact, anything else a 4xx.
pub async fn serve(store: ArtifactStore, listener: TcpListener) {
	loop {
		let (stream, peer) = match listener.accept().await {
			Ok(accepted) => accepted,
			Err(error) => {
				log::warn!("artifact server: accept failed: {error}");
				tokio::time::sleep(Duration::from_millis(100)).await;
				continue;
			},
		};
		let store = store.clone();
		tokio::spawn(async move {
			let service = hyper::service::service_fn(move |request| {
				let store = store.clone();
				async move { Ok::<_, std::convert::Infallible>(answer(&store, &request)) }
			});
			let served = hyper::server::conn::http1::Builder::new()
				.timer(TokioTimer::new())
				.header_read_timeout(Duration::from_secs(10))
				.serve_connection(TokioIo::new(stream), service)
				.await;
			if let Err(error) = served {
				log::debug!("artifact server: connection from {peer}: {error}");
			}
		});
	}
}

/// Bind `address` and serve `store` in the background; returns the bound address.
pub async fn spawn_server(
	store: ArtifactStore,
	address: SocketAddr,
) -> Result<(SocketAddr, tokio::task::JoinHandle<()>), ArtifactError> {
	let listener =
		TcpListener::bind(address).await.map_err(|source| ArtifactError::Io { path: address.to_string(), source })?;
	let bound = listener.local_addr().map_err(|source| ArtifactError::Io { path: address.to_string(), source })?;
	Ok((bound, tokio::spawn(serve(store, listener))))
}

fn answer<B>(store: &ArtifactStore, request: &Request<B>) -> Response<Full<Bytes>> {
	let reply = |status: StatusCode, body: Vec<u8>| {
		let mut response = Response::new(Full::new(Bytes::from(body)));
		*response.status_mut() = status;
		response
	};
	if request.method() != Method::GET {
		return reply(StatusCode::METHOD_NOT_ALLOWED, Vec::new());
	}
	let Some(hash) = parse_name(request.uri().path().trim_start_matches('/')) else {
		return reply(StatusCode::NOT_FOUND, Vec::new());
	};
	match store.get(&hash) {
		Ok(Some(bytes)) => {
			let mut response = reply(StatusCode::OK, bytes);
			response
				.headers_mut()
				.insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/octet-stream"));
			response
		},
		Ok(None) => reply(StatusCode::NOT_FOUND, Vec::new()),
		Err(error) => {
			log::warn!("artifact server: {error}");
			reply(StatusCode::INTERNAL_SERVER_ERROR, Vec::new())
		},
	}
}

fn parse_name(name: &str) -> Option<[u8; 32]> {
	let mut hash = [0u8; 32];
	hex::decode_to_slice(name.strip_prefix("0x")?, &mut hash).ok()?;
	Some(hash)
}

#[cfg(test)]
mod tests {
	use super::*;

	async fn served(dir: &Path) -> (ArtifactStore, String) {
		let store = ArtifactStore::open(dir).unwrap();
		let (address, _server) = spawn_server(store.clone(), "127.0.0.1:0".parse().unwrap()).await.unwrap();
		(store, format!("http://{address}"))
	}

	#[tokio::test]
	async fn a_corrupted_file_is_never_served_or_trusted() {
		let dir = tempfile::tempdir().unwrap();
		let (store, base) = served(dir.path()).await;
		let hash = store.put(b"good weights").unwrap();
		std::fs::write(dir.path().join(format!("{}.bin", hex::encode(hash))), b"evil weights").unwrap();
		assert!(matches!(store.get(&hash), Err(ArtifactError::HashMismatch { .. })));
		let url = format!("{base}/{}", hex_name(&hash));
		assert!(matches!(
			fetch(&url, &hash, 12, HostPolicy::AllowPrivate).await,
			Err(ArtifactError::Status { status: 500, .. })
		));
		assert_eq!(store.get(&[3; 32]).unwrap(), None);
	}
}
