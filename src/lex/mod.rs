//! The line lexer, below both ingest and outline: what one line is, from its text alone.
//! [`number`] reads a section number at the start of a line (一、 (一) 1. (1) ① 第一章
//! 第一条 …); [`line`](mod@line) classes whole lines (date, 文号, issuer, title, trailer, table row,
//! web boilerplate). Cleaning and outlining both call it; it calls neither.

pub mod line;
pub mod number;
