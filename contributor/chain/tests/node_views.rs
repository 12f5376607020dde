//! The node's `usefulWork_*` answers for a live round decode into this client's types: a real
//! `paradigm-node --dev` on loopback, a fresh account holding no PAR that registers (unsigned,
//! with its proof of work) and commits (signed, feeless), and every view read back through the
//! client generated from the one RPC definition; refused transactions come back named.

use std::{
	net::TcpListener,
	path::PathBuf,
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

use paradigm_chain::{commitment_hash, ChainClient, ChainError, Metric, Phase, TaskView};
use paradigm_keys::ContributorKey;
use subxt::utils::H256;

/// A node process, stopped when the test ends however it ends.
struct Node(Child);

impl Drop for Node {
	fn drop(&mut self) {
		let _ = self.0.kill();
		let _ = self.0.wait();
	}
}

/// `$PARADIGM_NODE`, or the node beside this test binary (`<target>/release/deps/..`).
fn node_binary() -> PathBuf {
	if let Ok(path) = std::env::var("PARADIGM_NODE") {
		return path.into();
	}
	let exe = std::env::current_exe().expect("the test binary's path");
	exe.parent()
		.and_then(|deps| deps.parent())
		.map(|release| release.join("paradigm-node"))
		.expect("a target directory")
}

fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|listener| listener.local_addr())
		.map(|address| address.port())
		.expect("a free loopback port")
}

async fn connect(url: &str) -> ChainClient {
	let deadline = Instant::now() + Duration::from_secs(60);
	loop {
		match ChainClient::connect(url).await {
			Ok(client) => return client,
			Err(error) if Instant::now() < deadline => {
				let _ = error;
				tokio::time::sleep(Duration::from_millis(500)).await;
			},
			Err(error) => panic!("the node never answered at {url}: {error}"),
		}
	}
}

/// A live task whose round is in its commit phase with at least `blocks` blocks left.
async fn task_in_commit_phase(client: &ChainClient, blocks: u32) -> TaskView {
	let deadline = Instant::now() + Duration::from_secs(120);
	loop {
		let best = client.best_block().await.expect("best block");
		let tasks = client.open_tasks().await.expect("open tasks decode");
		assert!(!tasks.is_empty(), "a dev chain starts with network tasks");
		let ready = tasks.into_iter().find(|task| {
			task.round.as_ref().is_some_and(|round| round.phase == Phase::Commit && round.reveal_from >= best + blocks)
		});
		if let Some(task) = ready {
			return task;
		}
		assert!(Instant::now() < deadline, "no task reached a commit phase");
		tokio::time::sleep(Duration::from_secs(1)).await;
	}
}

#[tokio::test]
async fn a_live_rounds_views_decode_into_the_client_types() {
	let binary = node_binary();
	assert!(binary.exists(), "{} is missing: build it with scripts/build-node.sh", binary.display());
	let (rpc_port, p2p_port) = (free_port(), free_port());
	let child = Command::new(&binary)
		.args(["--dev", "--tmp", "--no-telemetry", "--no-mdns", "--no-prometheus", "--rpc-port"])
		.arg(rpc_port.to_string())
		.arg("--listen-addr")
		.arg(format!("/ip4/127.0.0.1/tcp/{p2p_port}"))
		.stdout(Stdio::null())
		.stderr(Stdio::null())
		.spawn()
		.expect("paradigm-node starts");
	let _node = Node(child);
	let client = connect(&format!("ws://127.0.0.1:{rpc_port}")).await;

	let key = ContributorKey::generate().expect("a fresh key");
	assert_eq!(client.contributor(key.public()).await.expect("contributor decodes"), None);
	client.register(&key, |_| {}).await.expect("registers without PAR");
	let contributor = client.contributor(key.public()).await.expect("contributor decodes").expect("registered");
	assert_eq!(contributor.reputation, 0, "new identities start without reputation");
	assert_eq!(contributor.pool, None);

	let task = task_in_commit_phase(&client, 3).await;
	assert!(!task.spec.model.is_empty());
	assert!(Metric::ALL.contains(&task.spec.metric));
	assert_eq!((task.requester.as_ref(), task.bounty), (None, None), "a network task");
	let before = task.round.as_ref().map_or(0, |round| round.commitments);

	let artifact = H256::repeat_byte(0x42);
	let salt = [7u8; 32];
	let commitment = commitment_hash(&artifact.0.into(), &key.public(), &salt);
	client.commit(&key, task.id, commitment.0).await.expect("commits");
	let on_chain = client.commitment(task.id, key.public()).await.expect("storage").expect("committed");
	assert_eq!(on_chain.hash, commitment.0);
	assert!(!on_chain.revealed);

	// Refusals come back named from the pallet's metadata.
	let again = client.commit(&key, task.id, commitment.0).await.expect_err("one commitment per round");
	assert!(again.to_string().contains("AlreadyCommitted"), "{again}");
	assert!(matches!(again, ChainError::Rejected(_)), "{again}");

	let round = client.round(task.id).await.expect("round decodes").expect("live task");
	assert_eq!(round.commitments, before + 1);
	assert!(round.started_at < round.reveal_from && round.reveal_from < round.verify_from);
	assert!(round.verify_from < round.ends_at);
	assert_eq!(round.seed, None, "the seed is drawn after the reveals");
	assert!(client.assignments(key.public()).await.expect("assignments decode").is_empty());
	assert_eq!(client.round(u32::MAX).await.expect("round decodes"), None);
}
