//! The reference models: multi-layer perceptrons named like the chain's task specs
//! (`mlp:64-64-10`), and their plain weights.

use crate::MlError;
use burn::{
	module::Param,
	nn::{Linear, LinearConfig, Relu},
	prelude::*,
};

/// Most units in one layer, and most parameters in a model: bounds on what a task may ask for
/// and on what an artifact may contain.
pub const MAX_LAYER_WIDTH: usize = 4_096;
/// See [`MAX_LAYER_WIDTH`].
pub const MAX_PARAMETERS: usize = 4_000_000;

/// Layer widths of a multi-layer perceptron, input first, classes last.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MlpSpec {
	/// Widths, at least two.
	pub widths: Vec<usize>,
}

impl MlpSpec {
	/// Parse a task's model name, e.g. `mlp:64-64-10`.
	pub fn parse(model: &str) -> Result<Self, MlError> {
		let bad = |reason| MlError::BadModel { model: model.to_owned(), reason };
		let widths = model.strip_prefix("mlp:").ok_or_else(|| bad("only mlp:<w>-<w>-... models exist"))?;
		let widths: Vec<usize> = widths
			.split('-')
			.map(|w| w.parse::<usize>().ok().filter(|w| (1..=MAX_LAYER_WIDTH).contains(w)))
			.collect::<Option<_>>()
			.ok_or_else(|| bad("widths must be integers in 1..=4096"))?;
		let spec = MlpSpec { widths };
		if spec.widths.len() < 2 {
			return Err(bad("an input and an output width at least"));
		}
		if spec.parameters() > MAX_PARAMETERS {
			return Err(bad("more than 4,000,000 parameters"));
		}
		Ok(spec)
	}

	/// Number of weights and biases.
	pub fn parameters(&self) -> usize {
		self.widths.windows(2).map(|pair| pair[0] * pair[1] + pair[1]).sum()
	}
}

/// A perceptron: linear layers with ReLU between them; the last layer's outputs are logits.
#[derive(Module, Debug)]
pub struct Mlp {
	layers: Vec<Linear>,
	activation: Relu,
}

impl Mlp {
	/// A freshly initialised model on `device` (seed the device first for reproducible weights).
	pub fn new(spec: &MlpSpec, device: &Device) -> Self {
		let layers =
			spec.widths.windows(2).map(|pair| LinearConfig::new(pair[0], pair[1]).init(device)).collect();
		Self { layers, activation: Relu::new() }
	}

	/// Logits for a batch of inputs `[batch, inputs]`.
	pub fn forward(&self, input: Tensor<2>) -> Tensor<2> {
		let last = self.layers.len().saturating_sub(1);
		self.layers.iter().enumerate().fold(input, |x, (index, layer)| {
			let x = layer.forward(x);
			if index < last {
				self.activation.forward(x)
			} else {
				x
			}
		})
	}

	/// The model's weights as plain numbers.
	pub fn weights(&self) -> Result<MlpWeights, MlError> {
		let layers = self
			.layers
			.iter()
			.map(|layer| {
				let weight = layer.weight.val();
				let [inputs, outputs] = weight.dims();
				let weight = weight.into_data().try_to_vec::<f32>().map_err(|e| MlError::Tensor(e.to_string()))?;
				let bias = match &layer.bias {
					Some(bias) => bias.val().into_data().try_to_vec::<f32>().map_err(|e| MlError::Tensor(e.to_string()))?,
					None => vec![0.0; outputs],
				};
				Ok(LayerWeights { inputs, outputs, weight, bias })
			})
			.collect::<Result<_, MlError>>()?;
		Ok(MlpWeights { layers })
	}

	/// A model holding `weights`, on `device`.
	pub fn from_weights(weights: &MlpWeights, device: &Device) -> Self {
		let layers = weights
			.layers
			.iter()
			.map(|layer| Linear {
				weight: Param::from_tensor(Tensor::from_data(
					TensorData::new(layer.weight.clone(), [layer.inputs, layer.outputs]),
					device,
				)),
				bias: Some(Param::from_tensor(Tensor::from_data(
					TensorData::new(layer.bias.clone(), [layer.outputs]),
					device,
				))),
			})
			.collect();
		Self { layers, activation: Relu::new() }
	}
}

/// One linear layer's weights: `weight` is `[inputs, outputs]`, row-major.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerWeights {
	/// Input width.
	pub inputs: usize,
	/// Output width.
	pub outputs: usize,
	/// `inputs × outputs` weights.
	pub weight: Vec<f32>,
	/// `outputs` biases.
	pub bias: Vec<f32>,
}

/// A perceptron's weights, layer by layer.
#[derive(Clone, Debug, PartialEq)]
pub struct MlpWeights {
	/// The layers, input first.
	pub layers: Vec<LayerWeights>,
}

impl MlpWeights {
	/// The widths these weights implement.
	pub fn spec(&self) -> MlpSpec {
		let mut widths: Vec<usize> = self.layers.iter().map(|layer| layer.inputs).collect();
		widths.extend(self.layers.last().map(|layer| layer.outputs));
		MlpSpec { widths }
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn model_names_parse_and_bad_ones_are_refused() {
		assert_eq!(MlpSpec::parse("mlp:64-64-10").map(|s| s.widths), Ok(vec![64, 64, 10]));
		assert_eq!(MlpSpec::parse("mlp:64-64-10").map(|s| s.parameters()), Ok(64 * 64 + 64 + 64 * 10 + 10));
		for bad in ["cnn:1-2", "mlp:64", "mlp:64-x-10", "mlp:0-10", "mlp:5000-10", "mlp:4000-4000-10"] {
			assert!(matches!(MlpSpec::parse(bad), Err(MlError::BadModel { .. })), "{bad}");
		}
	}

	#[test]
	fn weights_survive_a_round_trip_through_a_model() {
		let device = Device::flex();
		device.seed(3);
		let spec = MlpSpec::parse("mlp:4-3-2").expect("valid");
		let weights = Mlp::new(&spec, &device).weights().expect("readable");
		assert_eq!(weights.spec(), spec);
		let again = Mlp::from_weights(&weights, &device).weights().expect("readable");
		assert_eq!(again, weights);
	}
}
