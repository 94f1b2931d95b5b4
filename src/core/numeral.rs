//! Chinese numerals of up to two places (一 … 九十九), both ways: theme headings are numbered
//! with them (一、二、…), the importer reads them in headings, sections and dates, and the
//! ledger and the screens write them back.

/// 零 … 九, by value.
const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// The Chinese numeral of `n`: 零 … 九十九 (十一, 二十, 二十二), and hundreds as written in
/// numbered lists (一百, 一百零一, 一百一十); 1000 and above as digits.
pub fn chinese(n: u32) -> String {
    let digit = |k: u32| DIGITS[k as usize % 10];
    match n {
        0..=9 => digit(n).to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", digit(n % 10)),
        20..=99 if n.is_multiple_of(10) => format!("{}十", digit(n / 10)),
        20..=99 => format!("{}十{}", digit(n / 10), digit(n % 10)),
        100..=999 => {
            let rest = match n % 100 {
                0 => String::new(),
                r @ 1..=9 => format!("零{}", digit(r)),
                // Past a hundred the tens keep their 一: 一百一十, not 一百十.
                r @ 10..=19 => format!("一{}", chinese(r)),
                r => chinese(r),
            };
            format!("{}百{rest}", digit(n / 100))
        }
        _ => n.to_string(),
    }
}

/// The value of one digit: 〇/零 0, 一 … 九, and 两 (the spoken 2).
fn digit(c: char) -> Option<u32> {
    match c {
        '〇' => Some(0),
        '两' => Some(2),
        _ => DIGITS.iter().position(|&d| d == c).and_then(|k| u32::try_from(k).ok()),
    }
}

/// Parses a Chinese numeral of up to two places (一 … 九十九, also 〇/零 and 两 as digits);
/// `None` for anything else, the empty string included.
pub fn parse(s: &[char]) -> Option<u32> {
    match s {
        ['十'] => Some(10),
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// Whether `c` may be part of a Chinese numeral.
pub fn is_part(c: char) -> bool {
    c == '十' || digit(c).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(s: &str) -> Option<u32> {
        parse(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn writes_one_to_ninety_nine() {
        let got: Vec<String> = [0, 1, 4, 10, 11, 19, 20, 22, 90, 99].map(chinese).to_vec();
        assert_eq!(
            got,
            ["零", "一", "四", "十", "十一", "十九", "二十", "二十二", "九十", "九十九"]
        );
        let hundreds: Vec<String> = [100, 101, 110, 112, 250, 999, 1000].map(chinese).to_vec();
        assert_eq!(
            hundreds,
            ["一百", "一百零一", "一百一十", "一百一十二", "二百五十", "九百九十九", "1000"]
        );
    }

    #[test]
    fn reads_what_it_writes() {
        for n in 0..=99 {
            assert_eq!(parsed(&chinese(n)), Some(n), "{n}");
        }
    }

    #[test]
    fn reads_the_other_spellings_and_refuses_the_rest() {
        assert_eq!(parsed("两"), Some(2));
        assert_eq!(parsed("〇"), Some(0));
        assert_eq!(parsed("二十两"), Some(22));
        for bad in ["", "百", "十十", "一二", "一十二三", "x", "十x"] {
            assert_eq!(parsed(bad), None, "{bad}");
        }
    }

    #[test]
    fn numeral_characters() {
        assert!("〇零一二两三四五六七八九十".chars().all(is_part));
        assert!(!"百千万年月x1".chars().any(is_part));
    }
}
