//! The charts, as PNG files. Text is drawn with a TrueType font loaded at run time
//! ([`load_font`]), so no system font library is needed.

use crate::{chain, Sample, SimConfig, SimError, SimResult};
use pallet_ai_treasury::{Amount, EpochIndex};
use plotters::{
	coord::Shift,
	element::DashedPathElement,
	prelude::*,
	style::text_anchor::{HPos, Pos, VPos},
};
use std::{error::Error, iter, path::Path};

/// The font family every text of the charts uses.
pub const FONT_FAMILY: &str = "sans-serif";
/// Where the chart font is looked for by default (Debian package `fonts-dejavu-core`).
pub const DEFAULT_FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/// Width of the legend column on the right of each chart, in pixels.
const LEGEND_WIDTH: u32 = 290;

/// Line colours, one per scenario (the "tab10" palette).
const PALETTE: [RGBColor; 10] = [
	RGBColor(31, 119, 180),
	RGBColor(255, 127, 14),
	RGBColor(44, 160, 44),
	RGBColor(214, 39, 40),
	RGBColor(148, 103, 189),
	RGBColor(140, 86, 75),
	RGBColor(227, 119, 194),
	RGBColor(127, 127, 127),
	RGBColor(188, 189, 34),
	RGBColor(23, 190, 207),
];

/// The colour of the `index`-th scenario.
pub fn color(index: usize) -> RGBColor {
	index.checked_rem(PALETTE.len()).and_then(|i| PALETTE.get(i)).copied().unwrap_or(BLACK)
}

/// Read the TrueType font at `path` and register it as [`FONT_FAMILY`] for every chart.
pub fn load_font(path: &Path) -> Result<(), SimError> {
	let bytes = std::fs::read(path)
		.map_err(|source| SimError::FontMissing { path: path.to_path_buf(), source })?;
	// plotters keeps fonts for the whole process: the bytes must live as long.
	let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
	plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, bytes)
		.map_err(|_| SimError::InvalidFont { path: path.to_path_buf() })
}

/// Cumulative issuance of every result over time, with the even schedule as the reference.
pub fn issuance(config: &SimConfig, results: &[SimResult], path: &Path) -> Result<(), SimError> {
	draw_issuance(config, results, path)
		.map_err(|error| SimError::Chart { path: path.to_path_buf(), message: error.to_string() })
}

/// The best-paid account's share and the Gini coefficient of each sample window's payouts.
pub fn concentration(
	config: &SimConfig,
	results: &[SimResult],
	path: &Path,
) -> Result<(), SimError> {
	draw_concentration(config, results, path)
		.map_err(|error| SimError::Chart { path: path.to_path_buf(), message: error.to_string() })
}

type Area<'a> = DrawingArea<BitMapBackend<'a>, Shift>;

/// One line of a hand-drawn legend.
struct LegendEntry {
	label: String,
	color: RGBColor,
	dashed: bool,
}

fn million_par(amount: Amount) -> f64 {
	amount as f64 / chain::PAR as f64 / 1e6
}

/// The sample boundaries of a run, from genesis.
fn sample_epochs(config: &SimConfig) -> Vec<EpochIndex> {
	let total = config.total_epochs().unwrap_or(0);
	let step = config.epochs_per_sample.max(1) as usize;
	let mut epochs: Vec<EpochIndex> = (0..=total).step_by(step).collect();
	if epochs.last() != Some(&total) {
		epochs.push(total);
	}
	epochs
}

/// Split a series with gaps into the runs of points it has.
fn runs(points: impl Iterator<Item = Option<(f64, f64)>>) -> Vec<Vec<(f64, f64)>> {
	let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
	for point in points {
		match (point, runs.last_mut()) {
			(Some(point), Some(run)) => run.push(point),
			(None, Some(run)) if !run.is_empty() => runs.push(Vec::new()),
			_ => {},
		}
	}
	runs.retain(|run| !run.is_empty());
	runs
}

fn draw_legend(
	area: &Area<'_>,
	title: &str,
	entries: &[LegendEntry],
	notes: &[&str],
) -> Result<(), Box<dyn Error>> {
	let title_style =
		TextStyle::from((FONT_FAMILY, 19).into_font()).pos(Pos::new(HPos::Left, VPos::Center));
	let label_style =
		TextStyle::from((FONT_FAMILY, 16).into_font()).pos(Pos::new(HPos::Left, VPos::Center));
	area.draw(&Text::new(title.to_string(), (12, 50), title_style))?;
	for (y, entry) in (84i32..).step_by(28).zip(entries) {
		let style = entry.color.stroke_width(3);
		if entry.dashed {
			area.draw(&DashedPathElement::new(vec![(12, y), (52, y)], 7, 5, style))?;
		} else {
			area.draw(&PathElement::new(vec![(12, y), (52, y)], style))?;
		}
		area.draw(&Text::new(entry.label.clone(), (62, y), label_style.clone()))?;
	}
	let note_style = TextStyle::from((FONT_FAMILY, 14).into_font())
		.color(&RGBColor(90, 90, 90))
		.pos(Pos::new(HPos::Left, VPos::Center));
	let first_note =
		84i32.saturating_add(28i32.saturating_mul(entries.len() as i32)).saturating_add(16);
	for (y, note) in (first_note..).step_by(20).zip(notes) {
		area.draw(&Text::new(note.to_string(), (12, y), note_style.clone()))?;
	}
	Ok(())
}

fn draw_issuance(
	config: &SimConfig,
	results: &[SimResult],
	path: &Path,
) -> Result<(), Box<dyn Error>> {
	let root = BitMapBackend::new(path, (1200, 700)).into_drawing_area();
	root.fill(&WHITE)?;
	let (plot, legend) = root.split_horizontally(1200u32.saturating_sub(LEGEND_WIDTH));

	let schedule: Vec<(f64, f64)> = sample_epochs(config)
		.into_iter()
		.map(|epochs| (config.days(epochs), million_par(config.schedule_total(epochs))))
		.collect();
	let highest = results
		.iter()
		.flat_map(|result| result.samples.iter().map(|sample| million_par(sample.emitted_total)))
		.chain(schedule.iter().map(|(_, total)| *total))
		.fold(1.0, f64::max);
	let days = config.days(config.total_epochs().unwrap_or(0)).max(1.0);

	let mut chart = ChartBuilder::on(&plot)
		.caption(
			format!(
				"AI treasury: cumulative issuance over {} simulated year{} (seed {})",
				config.years,
				if config.years == 1 { "" } else { "s" },
				config.seed
			),
			(FONT_FAMILY, 24),
		)
		.margin(16)
		.x_label_area_size(60)
		.y_label_area_size(90)
		.build_cartesian_2d(0f64..days, 0f64..highest * 1.05)?;
	chart
		.configure_mesh()
		.x_desc("Days since genesis")
		.y_desc("Cumulative issuance (million PAR)")
		.label_style((FONT_FAMILY, 15))
		.axis_desc_style((FONT_FAMILY, 18))
		.x_label_formatter(&|day| format!("{day:.0}"))
		.y_label_formatter(&|par| format!("{par:.0}"))
		.draw()?;

	let mut entries = vec![LegendEntry {
		label: "even schedule (budget × t)".into(),
		color: BLACK,
		dashed: true,
	}];
	for (index, result) in results.iter().enumerate() {
		let points = iter::once((0.0, 0.0)).chain(
			result.samples.iter().map(|sample| (sample.days, million_par(sample.emitted_total))),
		);
		chart.draw_series(LineSeries::new(points, color(index).stroke_width(2)))?;
		let share = crate::stats::share(result.emitted, result.budget()).unwrap_or(0.0);
		entries.push(LegendEntry {
			label: format!("{} ({:.1} %)", result.scenario, share * 100.0),
			color: color(index),
			dashed: false,
		});
	}
	// The reference goes on top, so that the scenarios that follow it do not hide it.
	chart.draw_series(DashedLineSeries::new(schedule, 9, 6, BLACK.stroke_width(2)))?;
	draw_legend(&legend, "Scenario (issued / budget)", &entries, &[])?;
	root.present()?;
	Ok(())
}

fn draw_concentration(
	config: &SimConfig,
	results: &[SimResult],
	path: &Path,
) -> Result<(), Box<dyn Error>> {
	const LOWEST_PERCENT: f64 = 0.01;
	let root = BitMapBackend::new(path, (1200, 900)).into_drawing_area();
	root.fill(&WHITE)?;
	let (plot, legend) = root.split_horizontally(1200u32.saturating_sub(LEGEND_WIDTH));
	let (upper, lower) = plot.split_vertically(450);
	let days = config.days(config.total_epochs().unwrap_or(0)).max(1.0);
	let window = if config.epochs_per_sample.checked_mul(config.epoch_seconds) == Some(86_400) {
		"day".to_string()
	} else {
		format!("{}-epoch window", config.epochs_per_sample)
	};

	let mut top = ChartBuilder::on(&upper)
		.caption(format!("Concentration of each {window}'s payouts"), (FONT_FAMILY, 24))
		.margin(16)
		.x_label_area_size(45)
		.y_label_area_size(90)
		.build_cartesian_2d(0f64..days, (LOWEST_PERCENT..100f64).log_scale())?;
	top.configure_mesh()
		.x_desc("Days since genesis")
		.y_desc("Top-1 account share (%, log)")
		.label_style((FONT_FAMILY, 15))
		.axis_desc_style((FONT_FAMILY, 18))
		.x_label_formatter(&|day| format!("{day:.0}"))
		.y_label_formatter(&|percent| {
			if *percent < 1.0 {
				format!("{percent}")
			} else {
				format!("{percent:.0}")
			}
		})
		.draw()?;

	let mut gini = ChartBuilder::on(&lower)
		.margin(16)
		.x_label_area_size(60)
		.y_label_area_size(90)
		.build_cartesian_2d(0f64..days, 0f64..1f64)?;
	gini.configure_mesh()
		.x_desc("Days since genesis")
		.y_desc(format!("Gini of the {window}'s payouts"))
		.label_style((FONT_FAMILY, 15))
		.axis_desc_style((FONT_FAMILY, 18))
		.x_label_formatter(&|day| format!("{day:.0}"))
		.y_label_formatter(&|gini| format!("{gini:.1}"))
		.draw()?;

	let mut entries = Vec::new();
	for (index, result) in results.iter().enumerate() {
		let color = color(index);
		let style = color.stroke_width(2);
		let paid = |sample: &&Sample| sample.paid >= chain::PAR;
		let shares = runs(result.samples.iter().map(|sample| {
			sample
				.top_share
				.filter(|_| paid(&sample))
				.map(|share| (sample.days, (share * 100.0).max(LOWEST_PERCENT)))
		}));
		let paid_anything = !shares.is_empty();
		for run in shares {
			top.draw_series(LineSeries::new(run, style))?;
		}
		let ginis = result
			.samples
			.iter()
			.map(|sample| sample.gini.filter(|_| paid(&sample)).map(|gini| (sample.days, gini)));
		for run in runs(ginis) {
			gini.draw_series(LineSeries::new(run, style))?;
		}
		let label = if paid_anything {
			result.scenario.to_string()
		} else {
			format!("{} (nothing paid)", result.scenario)
		};
		entries.push(LegendEntry { label, color, dashed: false });

		if let Some(group) = result.group.filter(|group| group.count > 1) {
			let shares = runs(result.samples.iter().map(|sample| {
				sample
					.group_share
					.filter(|_| paid(&sample))
					.map(|share| (sample.days, (share * 100.0).max(LOWEST_PERCENT)))
			}));
			for run in shares {
				top.draw_series(DashedLineSeries::new(run, 9, 6, style))?;
			}
			entries.push(LegendEntry {
				label: format!("{}: {} total", result.scenario, group.label),
				color,
				dashed: true,
			});
		}
	}
	let notes = [
		"steady-growth, no-demand and",
		"paid-demand have the same work,",
		"so their lines overlap: shares do",
		"not depend on how much is emitted.",
		"",
		"Windows that paid less than 1 PAR",
		"(rounding dust once a year's budget",
		"is spent) are left out.",
	];
	draw_legend(&legend, "Scenario", &entries, &notes)?;
	root.present()?;
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn gaps_split_a_series() {
		let points = [Some((0.0, 1.0)), None, None, Some((3.0, 1.0)), Some((4.0, 2.0)), None];
		assert_eq!(runs(points.into_iter()), vec![vec![(0.0, 1.0)], vec![(3.0, 1.0), (4.0, 2.0)]]);
		assert!(runs([None, None].into_iter()).is_empty());
	}

	#[test]
	fn samples_cover_the_run() {
		let config =
			SimConfig { epochs_per_year: 25, epochs_per_sample: 10, ..SimConfig::chain(1, 7) };
		assert_eq!(sample_epochs(&config), vec![0, 10, 20, 25]);
	}

	#[test]
	fn a_missing_font_is_a_clear_error() {
		let error = load_font(Path::new("/nonexistent/font.ttf")).expect_err("no such file");
		assert!(matches!(error, SimError::FontMissing { .. }));
		assert!(error.to_string().contains("--font"));
	}
}
