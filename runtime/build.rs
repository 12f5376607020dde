//! Builds the runtime as a WASM blob (`WASM_BINARY`) for the node's chain specs.
fn main() {
	#[cfg(feature = "std")]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}
