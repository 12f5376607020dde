//! How the domain types travel as JSON (RPC answers, genesis presets, chain specs): names and
//! locations as text, balances as decimal strings, byte strings as `0x` hex. Hashes (`H256`)
//! already serialise as `0x` hex by themselves.
//!
//! Each module is used as `#[serde(with = "wire::...")]` on a field, so that the SCALE type the
//! chain stores and the JSON type clients read are one and the same.

/// A bounded byte string (a [`crate::Name`], [`crate::HyperParams`] or
/// [`crate::ArtifactLocation`]) as UTF-8 text. Bytes that are not UTF-8 are shown with the
/// replacement character; text longer than the bound is refused.
pub mod text {
	use alloc::string::String;
	use polkadot_sdk::sp_runtime::{traits::Get, BoundedVec};
	use serde::{de::Error, Deserialize, Deserializer, Serializer};

	/// Write the bytes as text.
	pub fn serialize<S: Serializer, Bound>(bytes: &BoundedVec<u8, Bound>, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&String::from_utf8_lossy(bytes))
	}

	/// Read text into a bounded byte string.
	pub fn deserialize<'de, D: Deserializer<'de>, Bound: Get<u32>>(
		deserializer: D,
	) -> Result<BoundedVec<u8, Bound>, D::Error> {
		let text = String::deserialize(deserializer)?;
		let length = text.len();
		BoundedVec::try_from(text.into_bytes()).map_err(|_| {
			D::Error::custom(alloc::format!("{length} bytes of text; at most {} allowed", Bound::get()))
		})
	}
}

/// `text` as a bounded byte string (a name, hyper-parameters, a location), cut at the bound.
pub fn bounded_text<Bound: polkadot_sdk::sp_runtime::traits::Get<u32>>(
	text: &str,
) -> polkadot_sdk::sp_runtime::BoundedVec<u8, Bound> {
	polkadot_sdk::sp_runtime::BoundedVec::truncate_from(text.as_bytes().to_vec())
}

/// An optional balance as a decimal string (`"1000000000"`), or `null`.
pub mod decimal {
	use alloc::string::{String, ToString};
	use core::{fmt::Display, str::FromStr};
	use serde::{de::Error, Deserialize, Deserializer, Serializer};

	/// Write the value in decimal.
	pub fn serialize<S: Serializer, T: Display>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
		match value {
			Some(value) => serializer.serialize_str(&value.to_string()),
			None => serializer.serialize_none(),
		}
	}

	/// Read a decimal string, or `null`.
	pub fn deserialize<'de, D: Deserializer<'de>, T: FromStr>(deserializer: D) -> Result<Option<T>, D::Error> {
		Option::<String>::deserialize(deserializer)?
			.map(|text| text.parse().map_err(|_| D::Error::custom(alloc::format!("`{text}` is not a decimal amount"))))
			.transpose()
	}
}

/// A byte string as `0x` hex.
pub mod hex_bytes {
	use alloc::{string::String, vec::Vec};
	use serde::{de::Error, Deserialize, Deserializer, Serializer};

	/// Write `0x` and two lower-case hex digits per byte.
	pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
		let mut text = String::with_capacity(bytes.len().saturating_mul(2).saturating_add(2));
		text.push_str("0x");
		for byte in bytes {
			text.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
			text.push(char::from_digit(u32::from(byte & 0x0f), 16).unwrap_or('0'));
		}
		serializer.serialize_str(&text)
	}

	/// Read hex digits, with or without `0x`.
	pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
		let text = String::deserialize(deserializer)?;
		let digits = text.strip_prefix("0x").unwrap_or(&text).as_bytes();
		digits
			.chunks(2)
			.map(|pair| {
				let digit = |byte: &u8| char::from(*byte).to_digit(16);
				match pair {
					[high, low] => match (digit(high), digit(low)) {
						(Some(high), Some(low)) => Ok((high.saturating_mul(16).saturating_add(low)) as u8),
						_ => Err(D::Error::custom("not a hex digit")),
					},
					_ => Err(D::Error::custom("odd number of hex digits")),
				}
			})
			.collect()
	}
}
