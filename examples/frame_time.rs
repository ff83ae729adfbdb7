//! CPU time per frame of the app, drawn headless at 1920×1080 with the bundled corpus analysed:
//! the Compare view with all five documents (still frames, then frames that scroll), the
//! Document view, the Reuse view, and the library (its list and coverage matrix). Each frame is egui's pass plus tessellation — what the
//! app's thread does before the GPU draws. Prints p50 / p95 / max per view (and how many
//! frames egui ran twice, a pass discarded for a layout that settled), and the peak RSS.
//!
//! `cargo run --release --example frame_time [N [CHOSEN]]`: with `N`, N synthetic documents
//! (benches/common) are loaded beside the bundled five and the first `CHOSEN` (default 8)
//! are compared.

use std::time::{Duration, Instant};

use duizhao::app::command::Command;
use duizhao::app::settings::Settings;
use duizhao::app::state::View;
use duizhao::app::state::library::LibraryMode;
use duizhao::app::{DuizhaoApp, analysis, theme};

fn input(time: f64, events: Vec<egui::Event>) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1920.0, 1080.0))),
        time: Some(time),
        events,
        ..Default::default()
    }
}

#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "an index into a sorted list, rounded"
)]
fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

#[path = "common/rss.rs"]
mod rss;
#[path = "../benches/common/mod.rs"]
mod synthetic;
use rss::peak_rss;

fn measure(ctx: &egui::Context, app: &mut DuizhaoApp, name: &str, scroll: bool, t: &mut f64) {
    let mut times = Vec::with_capacity(300);
    let mut redone = 0;
    for i in 0..300 {
        *t += 1.0 / 60.0;
        let events = if scroll {
            vec![
                egui::Event::PointerMoved(egui::pos2(1100.0, 600.0)),
                egui::Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: egui::vec2(0.0, if (i / 100) % 2 == 0 { -60.0 } else { 60.0 }),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Unknown,
                    modifiers: egui::Modifiers::NONE,
                },
            ]
        } else {
            Vec::new()
        };
        let started = Instant::now();
        let out = ctx.run_ui(input(*t, events), |ui| app.draw(ui));
        redone += usize::from(out.platform_output.num_completed_passes > 1);
        let primitives = ctx.tessellate(out.shapes, out.pixels_per_point);
        times.push(started.elapsed());
        std::hint::black_box(primitives);
    }
    times.sort();
    println!(
        "{name:<44} p50 {:>6.2} ms   p95 {:>6.2} ms   max {:>6.2} ms{}",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        percentile(&times, 1.0),
        if redone > 0 {
            format!("   ({redone} frames drawn twice)")
        } else {
            String::new()
        }
    );
}

/// The app with the bundled five and `extra` synthetic documents, `chosen` of them compared
/// (eight by default), analysed, and the shared passages of the pairs in view compared.
fn loaded(ctx: &egui::Context, extra: usize, chosen: Option<usize>) -> DuizhaoApp {
    let mut app = DuizhaoApp::with_settings(ctx, Settings::default());
    if extra > 0 {
        let docs = synthetic::synthetic_documents(extra);
        let _ = app.state.add_documents(docs.into_iter().map(|d| (d, None)).collect());
        // Compare eight, as a researcher would (or as many as asked).
        let keep = chosen.unwrap_or(8).min(app.state.docs.len());
        app.state.chosen = duizhao::model::DocIx::all(keep).collect();
    }
    let started = Instant::now();
    let a = analysis::run(&app.state.docs, duizhao::align::Taxonomy::builtin());
    println!(
        "{} documents loaded, {} compared; analysis {:.0} ms",
        app.state.docs.len(),
        app.state.chosen.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    app.state.set_analysis(a);
    // In a library the shared passages of the pairs in view are compared in the background
    // after the analysis: let them come, as they would within a second of the window opening.
    let started = Instant::now();
    loop {
        app.state.poll();
        if !app.state.comparing_pairs() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    println!(
        "shared passages of the pairs in view: {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    app
}

fn main() {
    let arg = |i: usize| std::env::args().nth(i).and_then(|n| n.parse::<usize>().ok());
    let ctx = egui::Context::default();
    theme::install_fonts(&ctx);
    let mut app = loaded(&ctx, arg(1).unwrap_or(0), arg(2));
    let n = app.state.chosen.len();
    let mut t = 0.0;
    let first = |app: &mut DuizhaoApp, t: &mut f64| {
        let started = Instant::now();
        for _ in 0..2 {
            *t += 1.0 / 60.0;
            let out = ctx.run_ui(input(*t, Vec::new()), |ui| app.draw(ui));
            std::hint::black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
        }
        started.elapsed().as_secs_f64() * 1000.0
    };
    app.state.handle(Command::SetView(View::Document));
    println!("Document view, first two frames: {:.1} ms", first(&mut app, &mut t));
    app.state.handle(Command::SetView(View::Compare));
    println!(
        "Compare view, first two frames (text laid out): {:.1} ms",
        first(&mut app, &mut t)
    );
    measure(&ctx, &mut app, &format!("Compare, {n} columns, still"), false, &mut t);
    measure(
        &ctx,
        &mut app,
        &format!("Compare, {n} columns, scrolling"),
        true,
        &mut t,
    );
    app.state.handle(Command::ToggleShared);
    app.state.handle(Command::SetSearch("数据".to_owned()));
    measure(
        &ctx,
        &mut app,
        "Compare, shared passages + search hits, scrolling",
        true,
        &mut t,
    );
    app.state.handle(Command::SetView(View::Document));
    first(&mut app, &mut t);
    measure(&ctx, &mut app, "Document view, whole document, scrolling", true, &mut t);
    app.state.handle(Command::ToggleSideBySide);
    println!(
        "Side by side ({n} documents), first two frames: {:.1} ms",
        first(&mut app, &mut t)
    );
    measure(
        &ctx,
        &mut app,
        &format!("Side by side, {n} columns, scrolling"),
        true,
        &mut t,
    );
    app.state.handle(Command::ToggleSideBySide);
    app.state.handle(Command::SetView(View::Targets));
    first(&mut app, &mut t);
    measure(&ctx, &mut app, "Targets table, scrolling", true, &mut t);
    app.state.handle(Command::SetView(View::Reuse));
    app.state.handle(Command::SelectReusePair(Some((
        duizhao::model::DocIx(0),
        duizhao::model::DocIx(3),
    ))));
    first(&mut app, &mut t);
    measure(&ctx, &mut app, "Reuse view, a pair's passages", false, &mut t);
    app.state.handle(Command::SetView(View::Library));
    println!("Library, first two frames: {:.1} ms", first(&mut app, &mut t));
    measure(&ctx, &mut app, "Library list, scrolling", true, &mut t);
    app.state.handle(Command::SetLibraryFilter("数字 2020".to_owned()));
    measure(&ctx, &mut app, "Library list, filtered, scrolling", true, &mut t);
    app.state.handle(Command::SetLibraryFilter(String::new()));
    app.state.handle(Command::SetLibraryMode(LibraryMode::Coverage));
    first(&mut app, &mut t);
    measure(&ctx, &mut app, "Coverage matrix, scrolling", true, &mut t);
    app.state.handle(Command::SetLibraryMode(LibraryMode::Timeline));
    first(&mut app, &mut t);
    measure(&ctx, &mut app, "Diffusion timeline, still", false, &mut t);
    app.state.handle(Command::SetView(View::Tables));
    first(&mut app, &mut t);
    measure(&ctx, &mut app, "Tables (cross-table and chart), still", false, &mut t);
    println!("peak RSS {}", peak_rss());
}
