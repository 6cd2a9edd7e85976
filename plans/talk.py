"""What a question is when it is not about the plans, and English questions read in the plans' words.

Small talk ("xin chào", "cảm ơn", "bạn làm được gì", "hello", "thanks") is recognised only when nothing else
is asked: "chào bạn, hạn nộp báo cáo 6 tháng?" is a question about a deadline. English questions are read
through a bridge of the domain's words (report → báo cáo, deadline → hạn, satisfaction → hài lòng…): the
plans are in Vietnamese, so the engine searches them in Vietnamese. Both work on folded text.
"""

from __future__ import annotations

import re
from typing import Literal

Talk = Literal["greeting", "thanks", "goodbye", "capabilities"]

_TALK: tuple[tuple[Talk, re.Pattern[str]], ...] = (
    (
        "capabilities",
        re.compile(
            r"\b(?:ban|em|bot) (?:lam|giup|co the lam|co the giup|biet lam) (?:duoc )?(?:gi|nhung gi|viec gi)"
            r"(?: (?:cho|giup) (?:toi|minh|em|anh|chi|tui))?\b|"
            r"\bban (?:la ai|la gi)\b|\bhuong dan su dung\b|\bwhat (?:can|do) you do\b|\bwho are you\b|"
            r"\bwhat are you\b|\bhow (?:do|can) (?:i|you) (?:use|help)\b"
        ),
    ),
    ("thanks", re.compile(r"\b(?:cam on|cam ong|cam om|thank(?:s| you)?|thx|tks|many thanks)\b")),
    ("goodbye", re.compile(r"\b(?:tam biet|hen gap lai|goodbye|good bye|bye|see you)\b")),
    (
        "greeting",
        re.compile(r"\b(?:xin chao|chao|hello|hi|hey|alo|good (?:morning|afternoon|evening))\b"),
    ),
)
# Words that may stand around small talk without asking anything.
_FILLER = frozenset(
    "ban em anh chi a a nhe nha nhieu lam rat bot oi nhe buoi sang chieu toi ngay moi nguoi cac you very much "
    "a lot so there again thank thanks good nhi nhe nhau lai ha hen gap the nha vay day ne "
    "ok okay that it this helps helped helpful great perfect got understood hieu roi duoc ro vang da oke qua "
    "tot huu ich giup".split()
)
# "cho mình hỏi chút": asking leave to ask, which asks nothing yet
_LEAVE_TO_ASK = re.compile(
    r"^(?:cho|de) (?:minh|toi|em|tui|anh|chi|tao) (?:hoi|hoi tham)(?: (?:chut|ti|xiu|voi|mot chut|cai|nhe))*"
    r"(?: ve(?: [a-z]+){1,2}(?: (?:chut|ti|xiu|voi|mot chut|nhe))+)?$"  # "… hỏi về CCHC chút": a topic, no question
)
# Who the asker says they are, after a greeting ("xin chào, mình là hiệu trưởng mới"): still only a greeting.
_INTRODUCTION = re.compile(r"^(?:minh|toi|em|anh|chi|tui|i am|i m|my name is|this is)\b(?: la\b| ten la\b)?")
_ASKS = re.compile(r"\b(?:gi|nao|bao|khi|ai|khong|may|sao|what|when|who|how|which)\b|\?")


def small_talk(folded: str) -> Talk | None:
    """The kind of small talk, when the question is only that."""
    for talk, pattern in _TALK:
        match = pattern.search(folded)
        if match is None:
            continue
        rest = (folded[: match.start()] + " " + folded[match.end() :]).split()
        rest = [w.strip(",.!?;:") for w in rest]
        if all(not w or w in _FILLER for w in rest):
            return talk
        words = [w for w in rest if w]
        # "chào bot, tôi là …": who is greeted, then who greets
        while words and words[0] in _FILLER and not _INTRODUCTION.match(" ".join(words)):
            words = words[1:]
        said = " ".join(words)
        if talk == "greeting" and _INTRODUCTION.match(said) and not _ASKS.search(said):
            return talk
        if talk == "greeting" and _LEAVE_TO_ASK.match(said):
            return talk
    return None


_OPENING = re.compile(
    r"^\s*(?:xin chao|chao|hello|hi|hey|alo|good (?:morning|afternoon|evening))"
    r"(?:\s+(?:ban|anh|chi|em|bot|a|nhe|oi|buoi sang|buoi chieu))*[\s,.!:;-]+"
)
_CLOSING = re.compile(r"[\s,.!:;-]+(?:xin )?(?:cam on|thank(?:s| you)?)(?:\s+(?:ban|nhe|nha|a|nhieu|lam|you))*[\s.!]*$")


def without_talk(folded: str) -> str:
    """The question without a greeting before it or thanks after it."""
    return _CLOSING.sub(" ", _OPENING.sub("", folded))


# -- English --------------------------------------------------------------------------------------------
# Words that mark a question as English: none of them is a Vietnamese syllable once folded.
_ENGLISH = frozenset(
    "what which who whom whose when where how does did is are was were will would must should of for by each "
    "their many much you your please with from this that these those does any have has been being into about "
    "it its our we they there than per within the unit units plan plans report reports school schools target "
    "targets department district province office due set posts article".split()
)
# Question words first, then the domain's words; longer phrases before the words inside them. Generic
# vocabulary of administrative-reform plans, not phrases of particular questions.
_BRIDGE: tuple[tuple[str, str], ...] = (
    ("how many", " bao nhieu "),
    ("how much", " bao nhieu "),
    ("what percentage", " ty le bao nhieu "),
    ("what percent", " ty le bao nhieu "),
    ("what rate", " ty le bao nhieu "),
    ("by when", " khi nao "),
    ("what date", " ngay nao "),
    ("which (?:unit|department|office|division|agency|team|body)", " don vi nao "),
    ("which school", " truong nao "),
    ("which (?:group|team)", " to nao "),
    ("who signed", " ai ky "),
    ("who is the (?:deputy|vice)[- ]directors?", " ai la pho giam doc "),
    ("who is the directors?", " ai la giam doc "),
    ("who is the (?:deputy|vice)[- ]principals?", " ai la pho hieu truong "),
    ("who is the (?:principal|headteacher|head teacher)", " ai la hieu truong "),
    ("who is the (?:chair(?:man|person)?|president)", " ai la chu tich "),
    (
        "who (?:leads|heads|is the (?:leader|head) of)(?= the (?:[a-z]+ ){0,6}?(?:task force|working group))",
        " ai la to truong ",
    ),
    ("who (?:leads|heads|is the (?:leader|head) of)(?= the (?:[a-z]+ ){0,6}?team)", " ai la truong doan "),
    ("who is the (?:deputy|vice)[- ](?:leader|head) of(?= the (?:[a-z]+ ){0,6}?team)", " ai la pho truong doan "),
    ("who", " ai "),
    ("when", " khi nao "),
    ("deadline", " han "),
    ("due", " han "),
    ("in charge of", " chu tri "),
    ("in charge", " chu tri "),
    ("responsible for", " chu tri "),
    ("responsible", " chu tri "),
    ("leads?", " chu tri "),
    ("signed", " ky "),
    ("approved", " ky "),
    ("six[- ]month(?:ly)?", " 6 thang "),
    ("half[- ]year(?:ly)?", " 6 thang "),
    ("nine[- ]month", " 9 thang "),
    ("annual", " nam "),
    ("yearly", " nam "),
    ("monthly", " hang thang "),
    ("quarterly", " hang quy "),
    ("quarter ([1-4])", r" quy \1 "),
    ("q([1-4])", r" quy \1 "),
    ("each month", " moi thang "),
    ("each quarter", " moi quy "),
    ("every month", " moi thang "),
    ("every quarter", " moi quy "),
    ("reports?", " bao cao "),
    ("administrative procedures?", " thu tuc hanh chinh "),
    ("administrative reform", " cai cach hanh chinh "),
    ("institutional reform", " cai cach the che "),
    ("public finance reform", " cai cach tai chinh cong "),
    ("reform", " cai cach "),
    ("procedures?", " thu tuc "),
    ("(?:plans?|intends?|is going) to", " "),  # "plan to collect": a verb, not a plan
    ("plans?", " ke hoach "),
    ("targets?", " chi tieu "),
    ("task forces?|working groups?", " to cong tac "),
    ("tasks?", " nhiem vu "),
    ("satisfaction", " hai long "),
    ("satisfied", " hai long "),
    ("general", " chung "),
    ("people(?:\\W*s)?\\s+committees?", " uy ban nhan dan "),
    ("citizens", " nguoi dan "),
    ("people", " nguoi dan "),
    ("organi[sz]ations?", " to chuc "),
    ("fully online", " hoan toan truc tuyen toan trinh "),
    ("end[- ]to[- ]end", " toan trinh "),
    ("inspection teams?", " doan kiem tra "),
    ("heads?|is head of|head of|chairs?", " truong "),
    ("summary", " tong ket "),
    ("on duty", " truc "),
    ("towns?", " thi xa "),
    ("filed|lodged", " nop "),
    ("writes?|written|writing", " viet "),
    ("technical", " ky thuat "),
    ("accounts?", " tai khoan "),
    ("issues|problems|difficulties|questions about", " vuong mac "),
    ("call|contact", " lien he "),
    ("carried out|conducted|held|run|runs", " thuc hien "),
    ("handles?|handled by|covers?|give|gives|reach|reaches|attend(?:s|ing)?|enrolled", " "),
    ("contact (?:person|point)|point of contact|focal point", " dau moi lien he "),
    ("digital transformation", " chuyen doi so "),
    ("(?:school )?records? books?|transcripts?|report cards?|(?:school|student|academic) records", " hoc ba "),
    ("archiv(?:es?|ing|al)|records management", " luu tru "),
    ("homeroom teachers?|form teachers?|class teachers?", " giao vien chu nhiem "),
    ("grades? (\\d{1,2}) and (\\d{1,2})", r" khoi \1 va khoi \2 "),
    ("grades? (\\d{1,2})", r" khoi \1 "),
    ("this (?:school )?year|currently|now", " "),
    ("post(?:s|ed|ing)?|publish(?:es|ed|ing)?", " dang "),
    ("(?:reform )?(?:section|column)s?", " chuyen muc "),
    ("sign(?:s|ing)?", " ky "),
    ("digital", " so "),
    ("interactive (?:screens?|displays?|boards?)", " man hinh tuong tac "),
    ("screens?|displays?", " man hinh "),
    ("cashless|non-?cash", " khong dung tien mat "),
    ("tuition fees?|school fees?|fees?", " muc hoc phi "),
    ("suggestion box(?:es)?|feedback box(?:es)?", " hop thu gop y "),
    ("complaints?|feedback", " phan anh kien nghi "),
    ("apologi[sz]e[sd]?|apolog(?:y|ies)", " xin loi "),
    ("aims? (?:for|at|to)|aims?", " phan dau "),
    ("vice[- ]principals?|deputy principals?", " pho hieu truong "),
    ("principals?|headteachers?|head teachers?", " hieu truong "),
    ("deputy directors?|vice[- ]directors?", " pho giam doc "),
    ("directors?", " giam doc "),
    ("(?:subject|teachers'?|professional) groups?", " to chuyen mon "),
    ("wards?", " phuong "),
    ("children|kids|pupils? under six", " tre "),
    ("classes|class", " lop "),
    ("(?:satellite|branch) (?:sites?|campus(?:es)?)|sites?", " diem le "),
    ("rankings?|ranked|rank", " xep hang "),
    ("index(?:es)?|indices", " chi so "),
    ("rais(?:e|es|ed|ing)|improv(?:e|es|ed|ing)|enhanc(?:e|es|ed|ing)", " nang cao "),
    ("scores?|points", " diem "),
    ("training", " tap huan "),
    ("meetings?", " hop "),
    ("recep(?:tion)?|receiv(?:e|ed|ing)", " tiep nhan "),
    ("public schools?", " truong cong lap "),
    ("total (?:budget|funding|cost)", " tong kinh phi "),
    ("funding|costs?|budget", " kinh phi "),
    ("total", " tong "),
    ("online", " truc tuyen "),
    ("public services?", " dich vu cong "),
    ("services?", " dich vu "),
    ("levels?", " muc do "),
    ("dossiers?|applications?|records|files?", " ho so "),
    ("(?:official )?letters?|dispatch(?:es)?", " cong van "),
    ("on time", " dung han "),
    ("ahead of (?:time|schedule)|early", " truoc han "),
    ("late|overdue", " tre han "),
    ("settled|settle|resolved?|processed|handled", " giai quyet "),
    ("digiti[sz](?:ed|es|e|ing|ation)", " so hoa "),
    ("electronic", " dien tu "),
    ("results?", " ket qua "),
    ("inspections?|inspect(?:ed)?|checks?", " kiem tra "),
    ("communication|propaganda|awareness", " tuyen truyen "),
    ("articles?|news items?|news", " tin bai "),
    ("websites?|web ?pages?|portal", " website "),
    ("provinces?|provincial", " tinh "),
    ("districts? (\\d{1,2})", r" quan \1 "),
    ("district", " quan "),
    ("communes?", " xa "),
    ("department of education(?: and training)?|education department", " so giao duc va dao tao "),
    ("education (?:and training )?office", " phong giao duc va dao tao "),
    ("department", " so "),
    ("schools?", " truong "),
    ("kindergartens?|pre-?schools?|preschool", " mam non "),
    ("primary", " tieu hoc "),
    ("lower secondary|junior high|middle schools?", " trung hoc co so "),
    ("upper secondary|high schools?|senior high", " trung hoc pho thong "),
    ("offices?", " van phong "),
    ("personnel", " to chuc can bo "),
    ("finance|financial", " tai chinh "),
    ("information technology|\\bit\\b", " cong nghe thong tin "),
    ("inspectorate", " thanh tra "),
    ("justice", " tu phap "),
    ("home affairs", " noi vu "),
    ("budget estimates?|estimates?", " du toan "),
    ("staffing|payroll", " bien che "),
    ("streamlin(?:e|ing)", " tinh gian "),
    ("internal spending rules?", " quy che chi tieu noi bo "),
    ("one[- ]stop", " mot cua "),
    ("survey forms?|questionnaires?", " phieu khao sat "),
    ("surveys?", " khao sat "),
    ("forms", " phieu "),
    ("valid", " hop le "),
    ("collect(?:ed)?", " thu "),
    ("send|sent|submit(?:ted)?", " gui "),
    ("classrooms?", " phong hoc "),
    ("campus", " co so "),
    ("phone(?: number)?|telephone|hotline", " dien thoai "),
    ("e-?mail(?: address)?", " email "),
    ("decisions?", " quyet dinh "),
    ("replaces?|replaced", " thay the "),
    ("(?:first|1st) (?:term|semester)|(?:term|semester) (?:1|one|i)", " hoc ky i "),
    ("(?:second|2nd) (?:term|semester)|(?:term|semester) (?:2|two|ii)", " hoc ky ii "),
    ("terms?|semesters?", " hoc ky "),
    ("finish(?:es|ed)? (?=\\w+ing\\b)", " hoan thanh "),  # "finish digitising": completing a task, not a term's end
    ("ends?|finish(?:es)?", " ket thuc "),
    ("newsletters?", " ban tin "),
    ("edits?|editing", " bien tap "),
    ("teams?", " doan "),
    ("visits?", " kiem tra "),
    ("competitions?|emulation", " thi dua "),
    ("initiatives?", " sang kien "),
    ("january", " thang 1 "),
    ("february", " thang 2 "),
    ("march", " thang 3 "),
    ("april", " thang 4 "),
    ("in may", " thang 5 "),
    ("june", " thang 6 "),
    ("july", " thang 7 "),
    ("august", " thang 8 "),
    ("september", " thang 9 "),
    ("october", " thang 10 "),
    ("november", " thang 11 "),
    ("december", " thang 12 "),
    ("years?", " nam "),
    ("months?", " thang "),
    ("days?", " ngay "),
    ("hours?", " gio "),
    ("weeks?", " tuan "),
    ("units?", " don vi "),
    ("staff", " can bo "),
    ("officials?|civil servants?", " cong chuc "),
    ("teachers?", " giao vien "),
    ("students?|pupils?", " hoc sinh "),
    ("parents?", " cha me hoc sinh "),
    ("rate|ratio|share|percentage", " ty le "),
)
_BRIDGE_ALL = re.compile("|".join(rf"\b(?:{english})\b" for english, _ in _BRIDGE))
_BRIDGE_EACH = tuple((re.compile(rf"(?:{english})"), vietnamese) for english, vietnamese in _BRIDGE)
_DROP = re.compile(
    r"\b(?:the|a|s|of|for|by|in|on|at|to|is|are|was|were|be|does|do|did|will|would|must|should|can|what|which|"
    r"whom|whose|where|how|set|sets|have|has|had|each|their|its|it|this|that|these|those|with|from|and|or|new|"
    r"get|gets|any|please|you|your|we|our|they|there|than|per|within|into|about|need|needs|make|made|take|under)\b"
)


def is_english(folded: str, enough: int = 2) -> bool:
    """At least `enough` English words that are not Vietnamese syllables (one is enough after `/lang en`)."""
    return sum(w in _ENGLISH for w in re.findall(r"[a-z]+", folded)) >= enough


def bridge(folded: str) -> str:
    """An English question in the plans' (folded Vietnamese) words: the domain's words translated, the
    English function words dropped, names and figures kept."""
    text = folded.replace("'s", " ").replace("’s", " ")
    out: list[str] = []
    last = 0
    for match in _BRIDGE_ALL.finditer(text):
        out.append(_DROP.sub(" ", text[last : match.start()]))
        for pattern, vietnamese in _BRIDGE_EACH:  # the first phrase (in the table's order) that matches
            whole = pattern.match(text, match.start())  # in place: a phrase may look at the words after it
            if whole is not None and whole.end() == match.end():
                out.append(whole.expand(vietnamese))
                break
        last = match.end()
    out.append(_DROP.sub(" ", text[last:]))
    said = " ".join("".join(out).split())
    # "the annual one-stop report": English puts the period before the report, the plans after it
    return _PERIOD_BEFORE_REPORT.sub(r"\2 bao cao \1", said)


_PERIOD_BEFORE_REPORT = re.compile(
    r"\b(nam|6 thang|9 thang|hang quy|hang thang|quy [1-4]|quy)(?! 20\d\d)((?: [a-z]+){0,4}?) bao cao\b"
)
