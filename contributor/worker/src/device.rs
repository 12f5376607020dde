//! Where training and verification run: `--device auto|cpu|cuda`.

use burn::tensor::Device;

use crate::{DeviceError, WorkError};

/// The device a person asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceChoice {
	/// A working NVIDIA GPU if this build has CUDA and one answers, else the CPU.
	Auto,
	/// burn's pure-Rust CPU backend (flex).
	Cpu,
	/// The first CUDA GPU; an error if there is none or this build lacks CUDA.
	Cuda,
}

impl std::str::FromStr for DeviceChoice {
	type Err = WorkError;

	fn from_str(text: &str) -> Result<Self, Self::Err> {
		match text {
			"auto" => Ok(Self::Auto),
			"cpu" => Ok(Self::Cpu),
			"cuda" => Ok(Self::Cuda),
			other => Err(DeviceError::Unknown(other.to_owned()).into()),
		}
	}
}

/// A chosen device and how to describe it to a person.
#[derive(Clone, Debug)]
pub struct SelectedDevice {
	/// The burn device.
	pub device: Device,
	/// E.g. `CPU (burn flex, 2 threads)` or `CUDA GPU 0`.
	pub description: String,
}

/// Resolve `choice` to a device that works on this machine.
pub fn select(choice: DeviceChoice) -> Result<SelectedDevice, WorkError> {
	match choice {
		DeviceChoice::Cpu => Ok(cpu()),
		DeviceChoice::Cuda => cuda().map_err(WorkError::Device),
		DeviceChoice::Auto => Ok(cuda().unwrap_or_else(|reason| {
			log::info!("no usable GPU ({reason}); training on the CPU");
			cpu()
		})),
	}
}

fn cpu() -> SelectedDevice {
	let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
	SelectedDevice { device: Device::flex(), description: format!("CPU (burn flex, {threads} threads)") }
}

#[cfg(feature = "cuda")]
fn cuda() -> Result<SelectedDevice, DeviceError> {
	use burn::tensor::{Tensor, TensorData};
	// cudarc panics when the driver library is missing: probe with a tiny computation and turn
	// any panic into "no GPU".
	let probe = std::panic::catch_unwind(|| {
		let device = Device::cuda(0);
		let x = Tensor::<1>::from_data(TensorData::new(vec![1.0f32, 2.0], [2]), &device);
		let sum = x.sum().into_scalar::<f32>();
		(device, sum)
	});
	match probe {
		Ok((device, sum)) if (sum - 3.0).abs() < 1e-6 =>
			Ok(SelectedDevice { device, description: "CUDA GPU 0 (burn cuda)".into() }),
		Ok(_) => Err(DeviceError::WrongResult),
		Err(_) => Err(DeviceError::CudaUnavailable),
	}
}

#[cfg(not(feature = "cuda"))]
fn cuda() -> Result<SelectedDevice, DeviceError> {
	Err(DeviceError::NotBuiltWithCuda)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn parses_and_falls_back_to_the_cpu() {
		assert_eq!("auto".parse::<DeviceChoice>().unwrap(), DeviceChoice::Auto);
		assert!("tpu".parse::<DeviceChoice>().is_err());
		assert!(select(DeviceChoice::Cpu).unwrap().description.starts_with("CPU"));
		#[cfg(not(feature = "cuda"))]
		{
			assert!(select(DeviceChoice::Auto).unwrap().description.starts_with("CPU"));
			assert!(matches!(select(DeviceChoice::Cuda), Err(WorkError::Device(_))));
		}
	}
}
