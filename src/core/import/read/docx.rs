//! A Word document (.docx, also what WPS saves): paragraphs in order with the text of all
//! their runs, tables row by row, and automatic list numbering rendered as the text a reader
//! sees ("一、", "（一）", "1."), since many documents number their headings that way.
//!
//! Read from `word/document.xml`, `word/numbering.xml` and `word/styles.xml` only: no
//! headers or footers (page numbers), no deleted text of tracked changes, no field codes, and
//! of a drawing's alternate content only the first choice (Word writes a text box twice).

use super::zipped::Archive;
use super::{Block, Cell, LIMITS, Row};
use crate::core::import::ImportError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use std::collections::HashMap;

/// The value of an attribute named `val` (any namespace prefix).
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.into_owned())
}

fn val(e: &BytesStart) -> Option<String> {
    attr(e, "val")
}

/// Visits every start (or empty) and end tag and text of an XML part.
enum Ev<'a> {
    Start(&'a BytesStart<'a>, bool),
    End(&'a str),
    Text(String),
}

fn walk(xml: &str, mut f: impl FnMut(Ev)) -> Result<(), String> {
    let mut r = Reader::from_str(xml);
    loop {
        match r.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => f(Ev::Start(&e, false)),
            Event::Empty(e) => {
                f(Ev::Start(&e, true));
                f(Ev::End(e.local_name().into_inner()));
            }
            Event::End(e) => f(Ev::End(e.local_name().into_inner())),
            Event::Text(t) => f(Ev::Text(t.xml10_content().into_owned())),
            Event::CData(t) => f(Ev::Text(t.xml10_content().into_owned())),
            Event::GeneralRef(r) => {
                let name = r.into_inner();
                let c = match name.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    n => n
                        .strip_prefix("#x")
                        .or_else(|| n.strip_prefix("#X"))
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32),
                };
                if let Some(c) = c {
                    f(Ev::Text(c.to_string()));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// A paragraph style tied to this level.
    style: Option<String>,
}

/// `numbering.xml`: list definitions and the counters of the lists in use.
#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → levels 0..=8.
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
    /// Counters per abstract list (lists sharing one go on counting together).
    counters: HashMap<String, [Option<u32>; 9]>,
    /// numIds whose start overrides have been applied.
    started: std::collections::HashSet<String>,
}

impl Numbering {
    fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut abs: Option<String> = None;
        let mut lvl: Option<(usize, Level)> = None;
        let mut num: Option<(String, String, HashMap<usize, u32>)> = None;
        let mut over: Option<usize> = None;
        let _ = walk(xml, |ev| match ev {
            Ev::Start(e, _) => match e.local_name().as_ref() {
                "abstractNum" => abs = attr(e, "abstractNumId"),
                "lvl" if abs.is_some() => {
                    let i = attr(e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0usize);
                    lvl = Some((i.min(8), Level { start: 1, ..Level::default() }));
                }
                "start" => {
                    if let Some((_, l)) = lvl.as_mut() {
                        l.start = val(e).and_then(|v| v.parse().ok()).unwrap_or(1);
                    }
                }
                "numFmt" => {
                    if let Some((_, l)) = lvl.as_mut() {
                        l.format = val(e).unwrap_or_default();
                    }
                }
                "lvlText" => {
                    if let Some((_, l)) = lvl.as_mut() {
                        l.text = val(e).unwrap_or_default();
                    }
                }
                "pStyle" => {
                    if let Some((_, l)) = lvl.as_mut() {
                        l.style = val(e);
                    }
                }
                "num" => num = attr(e, "numId").map(|id| (id, String::new(), HashMap::new())),
                "abstractNumId" => {
                    if let Some((_, a, _)) = num.as_mut() {
                        *a = val(e).unwrap_or_default();
                    }
                }
                "lvlOverride" => over = attr(e, "ilvl").and_then(|v| v.parse().ok()),
                "startOverride" => {
                    if let (Some((_, _, o)), Some(i)) = (num.as_mut(), over)
                        && let Some(v) = val(e).and_then(|v| v.parse().ok())
                    {
                        o.insert(i, v);
                    }
                }
                _ => {}
            },
            Ev::End(name) => match name {
                "lvl" => {
                    if let (Some(a), Some((i, l))) = (abs.as_ref(), lvl.take()) {
                        let levels = n.abstracts.entry(a.clone()).or_default();
                        if levels.len() <= i {
                            levels.resize(i + 1, Level { start: 1, ..Level::default() });
                        }
                        levels[i] = l;
                    }
                }
                "abstractNum" => abs = None,
                "num" => {
                    if let Some((id, a, o)) = num.take() {
                        n.nums.insert(id, (a, o));
                    }
                }
                "lvlOverride" => over = None,
                _ => {}
            },
            Ev::Text(_) => {}
        });
        n
    }

    /// The level a style is tied to in a list, if any.
    fn level_of_style(&self, num_id: &str, style: &str) -> Option<usize> {
        let (a, _) = self.nums.get(num_id)?;
        self.abstracts.get(a)?.iter().position(|l| l.style.as_deref() == Some(style))
    }

    /// The label of the next paragraph of list `num_id` at level `ilvl`, counting it.
    fn label(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let (abs_id, overrides) = self.nums.get(num_id)?.clone();
        let levels = self.abstracts.get(&abs_id)?.clone();
        let ilvl = ilvl.min(8);
        let level = levels.get(ilvl)?;
        let counters = self.counters.entry(abs_id).or_insert([None; 9]);
        if self.started.insert(num_id.to_string()) {
            for (&i, _) in overrides.iter().filter(|(i, _)| **i < 9) {
                counters[i] = None;
            }
        }
        let start = |i: usize| {
            overrides.get(&i).copied().unwrap_or_else(|| levels.get(i).map_or(1, |l| l.start))
        };
        counters[ilvl] = Some(counters[ilvl].map_or(start(ilvl), |c| c.saturating_add(1)));
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = None;
        }
        if matches!(level.format.as_str(), "bullet" | "none") {
            return None;
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
                && (1..=9).contains(&d)
            {
                chars.next();
                let i = d as usize - 1;
                let n = counters[i].unwrap_or_else(|| start(i));
                let format = levels.get(i).map_or("decimal", |l| l.format.as_str());
                out.push_str(&number(n, format));
            } else {
                out.push(c);
            }
        }
        Some(out)
    }
}

/// Renders a counter in a list format.
fn number(n: u32, format: &str) -> String {
    let letters = |upper: bool| {
        let base = if upper { b'A' } else { b'a' };
        let k = ((n.max(1) - 1) % 26) as u8;
        let reps = ((n.max(1) - 1) / 26 + 1) as usize;
        ((base + k) as char).to_string().repeat(reps.min(10))
    };
    let roman = |upper: bool| {
        const R: [(u32, &str); 13] = [
            (1000, "m"),
            (900, "cm"),
            (500, "d"),
            (400, "cd"),
            (100, "c"),
            (90, "xc"),
            (50, "l"),
            (40, "xl"),
            (10, "x"),
            (9, "ix"),
            (5, "v"),
            (4, "iv"),
            (1, "i"),
        ];
        let mut v = n.min(3999);
        let mut s = String::new();
        for (k, r) in R {
            while v >= k {
                s.push_str(r);
                v -= k;
            }
        }
        if upper { s.to_uppercase() } else { s }
    };
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "ideographDigital"
        | "chineseLegalSimplified" => crate::core::numeral::chinese(n),
        "ideographTraditional" => {
            const G: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
            G.get((n.max(1) - 1) as usize).map_or_else(|| n.to_string(), char::to_string)
        }
        "lowerLetter" => letters(false),
        "upperLetter" => letters(true),
        "lowerRoman" => roman(false),
        "upperRoman" => roman(true),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
            char::from_u32(0x2460 + n.saturating_sub(1))
                .filter(|_| (1..=20).contains(&n))
                .map_or_else(|| format!("({n})"), |c| c.to_string())
        }
        "decimalEnclosedParen" => format!("({n})"),
        "decimalEnclosedFullstop" => format!("{n}."),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

/// A paragraph style: what it is based on, and the list (numId, level) it numbers with.
#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
}

/// `styles.xml`: the paragraph styles by id.
#[derive(Debug, Default)]
struct Styles {
    styles: HashMap<String, Style>,
}

impl Styles {
    fn parse(xml: &str) -> Styles {
        let mut s = Styles::default();
        let mut cur: Option<(String, Style)> = None;
        let _ = walk(xml, |ev| match ev {
            Ev::Start(e, _) => match (e.local_name().as_ref(), cur.as_mut()) {
                ("style", _) => cur = attr(e, "styleId").map(|id| (id, Style::default())),
                ("basedOn", Some((_, c))) => c.based_on = val(e),
                ("numId", Some((_, c))) => c.num_id = val(e),
                ("ilvl", Some((_, c))) => c.ilvl = val(e).and_then(|v| v.parse().ok()),
                _ => {}
            },
            Ev::End("style") => {
                if let Some((id, style)) = cur.take() {
                    s.styles.insert(id, style);
                }
            }
            _ => {}
        });
        s
    }

    /// The list a style numbers its paragraphs with, following `basedOn` a few steps.
    fn numbering(&self, style: &str) -> Option<(String, Option<usize>)> {
        let mut id = style.to_string();
        for _ in 0..10 {
            let style = self.styles.get(&id)?;
            if let Some(n) = &style.num_id {
                return Some((n.clone(), style.ilvl));
            }
            id = style.based_on.clone()?;
        }
        None
    }
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: Option<usize>,
    style: Option<String>,
    /// Inside `w:pPr` (its `w:tab` are tab stops, not tabs).
    props: bool,
}

#[derive(Debug, Default)]
struct CellAt {
    paras: Vec<String>,
    span: usize,
    continued: bool,
}

enum Frame {
    Para(Para),
    Table(Vec<Vec<CellAt>>),
    Row(Vec<CellAt>),
    Cell(CellAt),
}

/// Where a finished paragraph or table goes.
enum Out {
    Para(String),
    Table(Vec<Row>),
}

struct Body<'n> {
    numbering: &'n mut Numbering,
    styles: &'n Styles,
    stack: Vec<Frame>,
    out: Vec<Out>,
    skip: usize,
    in_text: bool,
    paragraphs: usize,
}

impl<'n> Body<'n> {
    fn new(numbering: &'n mut Numbering, styles: &'n Styles) -> Body<'n> {
        Body {
            numbering,
            styles,
            stack: Vec::new(),
            out: Vec::new(),
            skip: 0,
            in_text: false,
            paragraphs: 0,
        }
    }

    fn para(&mut self) -> Option<&mut Para> {
        self.stack.iter_mut().rev().find_map(|f| match f {
            Frame::Para(p) => Some(p),
            _ => None,
        })
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        // Every start is followed by its end (`walk` ends empty tags too).
        if self.skip > 0 {
            self.skip += 1;
            return;
        }
        match name {
            "Fallback" | "del" | "moveFrom" | "instrText" | "delText" | "footnoteReference" => {
                self.skip = 1;
            }
            "p" => {
                self.paragraphs += 1;
                self.stack.push(Frame::Para(Para::default()));
            }
            "pPr" => {
                if let Some(p) = self.para() {
                    p.props = !empty;
                }
            }
            "pStyle" => {
                if let Some(p) = self.para().filter(|p| p.props) {
                    p.style = val(e);
                }
            }
            "numId" => {
                if let Some(p) = self.para().filter(|p| p.props) {
                    p.num_id = val(e);
                }
            }
            "ilvl" => {
                if let Some(p) = self.para().filter(|p| p.props) {
                    p.ilvl = val(e).and_then(|v| v.parse().ok());
                }
            }
            "t" => self.in_text = !empty,
            "tab" | "ptab" => {
                if let Some(p) = self.para().filter(|p| !p.props) {
                    p.text.push(' ');
                }
            }
            "br" | "cr" => {
                if let Some(p) = self.para().filter(|p| !p.props) {
                    p.text.push('\n');
                }
            }
            "noBreakHyphen" => {
                if let Some(p) = self.para() {
                    p.text.push('-');
                }
            }
            "tbl" => self.stack.push(Frame::Table(Vec::new())),
            "tr" => self.stack.push(Frame::Row(Vec::new())),
            "tc" => self.stack.push(Frame::Cell(CellAt { span: 1, ..CellAt::default() })),
            "gridSpan" => {
                if let Some(Frame::Cell(c)) = self.stack.last_mut() {
                    c.span = val(e).and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 64);
                }
            }
            "vMerge" => {
                if let Some(Frame::Cell(c)) = self.stack.last_mut() {
                    c.continued = val(e).is_none_or(|v| v == "continue");
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        if self.skip == 0
            && self.in_text
            && let Some(p) = self.para()
        {
            p.text.push_str(t);
        }
    }

    fn end(&mut self, name: &str) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            "t" => self.in_text = false,
            "pPr" => {
                if let Some(p) = self.para() {
                    p.props = false;
                }
            }
            "p" => {
                if !matches!(self.stack.last(), Some(Frame::Para(_))) {
                    return;
                }
                let Some(Frame::Para(p)) = self.stack.pop() else { return };
                let text = self.numbered(p);
                match self.stack.last_mut() {
                    Some(Frame::Cell(c)) => c.paras.push(text),
                    _ => self.out.push(Out::Para(text)),
                }
            }
            "tc" => {
                if let Some(Frame::Cell(_)) = self.stack.last()
                    && let Some(Frame::Cell(c)) = self.stack.pop()
                    && let Some(Frame::Row(r)) = self.stack.last_mut()
                {
                    r.push(c);
                }
            }
            "tr" => {
                if let Some(Frame::Row(_)) = self.stack.last()
                    && let Some(Frame::Row(r)) = self.stack.pop()
                    && let Some(Frame::Table(t)) = self.stack.last_mut()
                {
                    t.push(r);
                }
            }
            "tbl" => {
                if let Some(Frame::Table(_)) = self.stack.last()
                    && let Some(Frame::Table(t)) = self.stack.pop()
                {
                    let rows = grid(t);
                    match self.stack.last_mut() {
                        // A table in a cell: its rows become the cell's lines.
                        Some(Frame::Cell(c)) => {
                            c.paras.extend(rows.iter().map(Row::joined));
                        }
                        _ => self.out.push(Out::Table(rows)),
                    }
                }
            }
            _ => {}
        }
    }

    /// The paragraph's text with its list label in front.
    fn numbered(&mut self, p: Para) -> String {
        let (num, ilvl) = match (&p.num_id, &p.style) {
            (Some(n), _) => (Some(n.clone()), p.ilvl),
            (None, Some(s)) => match self.styles.numbering(s) {
                Some((n, l)) => {
                    let l = p.ilvl.or(l).or_else(|| self.numbering.level_of_style(&n, s));
                    (Some(n), l)
                }
                None => (None, None),
            },
            _ => (None, None),
        };
        let label = match num {
            Some(n) if n != "0" && !p.text.trim().is_empty() => {
                self.numbering.label(&n, ilvl.unwrap_or(0))
            }
            _ => None,
        };
        match label {
            Some(l) => format!("{l}{}", p.text),
            None => p.text,
        }
    }
}

/// Lays a table's cells on its grid: a cell spanning columns fills them, a vertically
/// merged cell takes the text of the cell above.
fn grid(t: Vec<Vec<CellAt>>) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for r in t {
        let mut cells: Vec<Cell> = Vec::new();
        for c in r {
            let col = cells.len();
            let text = if c.continued {
                rows.last()
                    .and_then(|p| p.cells.get(col))
                    .map(|x| x.text.clone())
                    .unwrap_or_default()
            } else {
                c.paras.join("\n")
            };
            cells.push(Cell { text: text.clone(), merged: c.continued });
            for _ in 1..c.span {
                cells.push(Cell { text: text.clone(), merged: true });
            }
        }
        rows.push(Row { line: 0, cells });
    }
    rows
}

/// Reads the document's blocks; each paragraph (and each line of a paragraph with line
/// breaks) and each table row is one line, numbered from 1.
pub(crate) fn read(zip: &mut Archive) -> Result<Vec<Block>, ImportError> {
    let format = zip.format();
    let doc = zip
        .xml("word/document.xml")?
        .ok_or_else(|| ImportError::Damaged { format, detail: "no word/document.xml".into() })?;
    let mut numbering =
        zip.xml("word/numbering.xml")?.map(|x| Numbering::parse(&x)).unwrap_or_default();
    let styles = zip.xml("word/styles.xml")?.map(|x| Styles::parse(&x)).unwrap_or_default();
    let mut body = Body::new(&mut numbering, &styles);
    let mut too_many = false;
    walk(&doc, |ev| {
        if body.paragraphs > LIMITS.paragraphs {
            too_many = true;
            return;
        }
        match ev {
            Ev::Start(e, empty) => body.start(e, empty),
            Ev::End(name) => body.end(name),
            Ev::Text(t) => body.text(&t),
        }
    })
    .map_err(|detail| ImportError::Damaged { format, detail })?;
    if too_many {
        return Err(ImportError::Bomb {
            part: "word/document.xml".into(),
            limit: LIMITS.paragraphs as u64,
        });
    }
    let mut blocks = Vec::new();
    let mut line = 0;
    for o in body.out {
        match o {
            Out::Para(text) => {
                for l in text.split('\n') {
                    line += 1;
                    blocks.push(Block::Para { text: l.to_string(), line });
                }
            }
            Out::Table(mut rows) => {
                for r in &mut rows {
                    line += 1;
                    r.line = line;
                }
                blocks.push(Block::Table { name: String::new(), rows });
            }
        }
    }
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_and_formats() {
        assert_eq!(crate::core::numeral::chinese(1), "一");
        assert_eq!(crate::core::numeral::chinese(10), "十");
        assert_eq!(crate::core::numeral::chinese(12), "十二");
        assert_eq!(crate::core::numeral::chinese(20), "二十");
        assert_eq!(crate::core::numeral::chinese(101), "一百零一");
        assert_eq!(crate::core::numeral::chinese(110), "一百一十");
        assert_eq!(number(3, "upperRoman"), "III");
        assert_eq!(number(28, "lowerLetter"), "bb");
        assert_eq!(number(2, "decimalEnclosedCircle"), "②");
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>"#;

    #[test]
    fn list_labels_count_and_restart() {
        let mut n = Numbering::parse(NUMBERING);
        let mut l = |id: &str, lvl| n.label(id, lvl).unwrap_or_default();
        assert_eq!(l("1", 0), "一、");
        assert_eq!(l("1", 1), "（一）");
        assert_eq!(l("1", 2), "1.");
        assert_eq!(l("1", 2), "2.");
        assert_eq!(l("1", 1), "（二）");
        assert_eq!(l("1", 2), "1.");
        assert_eq!(l("1", 0), "二、");
        assert_eq!(l("2", 2), "5.");
        assert_eq!(l("9", 0), "");
    }

    #[test]
    fn headings_numbered_by_their_style() {
        let styles = Styles::parse(
            r#"<w:styles xmlns:w="w">
<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="H1x"><w:basedOn w:val="H1"/></w:style>
<w:style w:type="paragraph" w:styleId="H2"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"#,
        );
        let mut numbering = Numbering::parse(NUMBERING);
        let mut body = Body::new(&mut numbering, &styles);
        let para = |style: &str, text: &str| Para {
            text: text.into(),
            style: Some(style.into()),
            ..Para::default()
        };
        assert_eq!(body.numbered(para("H1", "甲")), "一、甲");
        assert_eq!(body.numbered(para("H2", "乙")), "（一）乙");
        assert_eq!(body.numbered(para("H1x", "丙")), "二、丙");
        assert_eq!(body.numbered(para("Normal", "丁")), "丁");
    }

    #[test]
    fn a_document_body() {
        let doc = r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body>
<w:p><w:r><w:t>某局2024年</w:t></w:r><w:r><w:t xml:space="preserve">工作要点</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>强化&amp;建设</w:t></w:r></w:p>
<w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>类别</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>任务</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>经济</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
        let mut numbering = Numbering::parse(NUMBERING);
        let styles = Styles::default();
        let mut body = Body::new(&mut numbering, &styles);
        walk(doc, |ev| match ev {
            Ev::Start(e, empty) => body.start(e, empty),
            Ev::End(name) => body.end(name),
            Ev::Text(t) => body.text(&t),
        })
        .expect("xml");
        let paras: Vec<String> = body
            .out
            .iter()
            .filter_map(|o| match o {
                Out::Para(t) => Some(t.clone()),
                Out::Table(_) => None,
            })
            .collect();
        assert_eq!(paras, ["某局2024年工作要点", "一、强化&建设", "甲\n乙", "框", ""]);
        let Some(Out::Table(rows)) = body.out.last() else { panic!("no table") };
        let texts: Vec<Vec<(&str, bool)>> = rows
            .iter()
            .map(|r| r.cells.iter().map(|c| (c.text.as_str(), c.merged)).collect())
            .collect();
        assert_eq!(
            texts,
            [
                vec![("类别", false), ("任务", false), ("任务", true)],
                vec![("经济", false), ("", false), ("a", false)],
                vec![("经济", true), ("", false), ("b", false)],
            ]
        );
    }
}
