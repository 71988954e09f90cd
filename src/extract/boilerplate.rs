//! Boilerplate: page furniture that must not yield entities or facts — link
//! lists after "اقرأ أيضا", comment prompts, cookie notices, share buttons,
//! copyright lines. Returns folded byte ranges to skip.

/// Folded line openings that mark a line of page furniture.
const LINE_MARKS: &[&str] = &[
    "اضف تعليقا",
    "اضف تعليق",
    "اترك تعليقا",
    "التعليقات",
    "شارك",
    "شارك هذا",
    "شاركها",
    "تابعونا",
    "تابعنا",
    "جميع الحقوق محفوظه",
    "حقوق النشر",
    "ملفات تعريف الارتباط",
    "نستخدم ملفات",
    "cookies",
    "we use cookies",
    "الاشتراك في النشره",
    "اشترك في",
    "مواضيع ذات صله",
    "اخبار ذات صله",
    "الاكثر قراءه",
    "الاكثر مشاهده",
    "كلمات مفتاحيه",
    "الوسوم",
    "اقرا ايضا",
    "اقرا المزيد",
    "طالع ايضا",
    "شاهد ايضا",
    "انظر ايضا",
    "المصدر",
    "اعلان",
    "تحميل التطبيق",
    "حمل تطبيق",
    "©",
];

/// Marks after which short lines are a list of links.
const LIST_MARKS: &[&str] = &[
    "اقرا ايضا",
    "اقرا المزيد",
    "طالع ايضا",
    "شاهد ايضا",
    "انظر ايضا",
    "مواضيع ذات صله",
    "اخبار ذات صله",
    "الاكثر قراءه",
];

fn words(line: &str) -> usize {
    line.split_whitespace().count()
}

/// Folded byte ranges of boilerplate lines in a folded text.
///
/// ```
/// use wasit::extract::boilerplate::mask;
/// let text = "وصل الوفد الى مسقط صباح الجمعة لبدء المحادثات.\nاقرا ايضا:\nعنوان مقال اخر عن ايران\nاضف تعليقا";
/// let skipped: Vec<&str> = mask(text).into_iter().map(|(a, b)| &text[a..b]).collect();
/// assert_eq!(skipped, ["اقرا ايضا:", "عنوان مقال اخر عن ايران", "اضف تعليقا"]);
/// ```
pub fn mask(folded: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut in_list = false;
    let mut at = 0;
    for line in folded.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim();
        if body.is_empty() {
            continue;
        }
        let lead = start + (line.len() - line.trim_start().len());
        let range = (lead, lead + body.len());
        let opening = body.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©');
        let marked = LINE_MARKS.iter().any(|m| opening.starts_with(m)) && words(body) <= 8;
        if LIST_MARKS.iter().any(|m| opening.starts_with(m)) && words(body) <= 8 {
            in_list = true;
            out.push(range);
            continue;
        }
        // In a link list, short lines without a full stop are headlines of other
        // pages; a real paragraph ends the list.
        let paragraph = words(body) > 18 || body.ends_with('.') || body.contains(". ");
        if in_list && !paragraph {
            out.push(range);
            continue;
        }
        in_list = false;
        if marked {
            out.push(range);
        }
    }
    out
}
