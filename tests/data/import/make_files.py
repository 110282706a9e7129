"""Regenerate the real-shaped import files of this folder (deterministic).

    python tests/data/import/make_files.py

The files are committed; this script documents how they were made and what
each one contains. The shapes follow real exports: iOS (vCard 3.0 with
``itemN.`` groups, ``X-ABLabel`` and a base64 PHOTO), Android (vCard 2.1 with
quoted-printable UTF-8 names, soft line breaks and a PHOTO ended by a blank
line), Google (vCard 3.0 with CATEGORIES) and vCard 4.0; LinkedIn's
Connections.csv (with its "Notes:" preamble); an Indonesian spreadsheet saved
by Excel as "CSV UTF-8" (BOM, semicolons, day-first dates).
"""

from __future__ import annotations

import base64
import quopri
from pathlib import Path

HERE = Path(__file__).resolve().parent
CRLF = "\r\n"

# (name, org, title, email, phone, style, extra)
PEOPLE: list[tuple[str, str, str, str, str, str, dict[str, str]]] = [
    (
        "Budi Santoso",
        "PT Maju Jaya",
        "Direktur",
        "budi@majujaya.co.id",
        "+62 812 3456 7001",
        "ios",
        {"photo": "1"},
    ),
    (
        "Siti Rahayu",
        "Notaris Siti Rahayu SH",
        "Notaris",
        "siti.rahayu@notaris.id",
        "+62 813 1111 2222",
        "android",
        {},
    ),
    (
        "José Ávila",
        "Ávila Arquitectos",
        "Architect",
        "jose@avila.es",
        "+34 600 111 222",
        "google",
        {"categories": "architects,spain"},
    ),
    (
        "Ni Luh Putu Ayu Lestari",
        "Ubud Yoga House",
        "Owner",
        "ayu@ubudyoga.com",
        "+62 811 3900 100",
        "android",
        {},
    ),
    (
        "Zoë Ødegård",
        "Nordlys AS",
        "Designer",
        "zoe@nordlys.no",
        "+47 412 34 567",
        "ios",
        {"bday_no_year": "1"},
    ),
    (
        "François Müller",
        "Müller & Fils",
        "CFO",
        "francois@muller-fils.fr",
        "+33 6 12 34 56 78",
        "v4",
        {"bday": "--0415"},
    ),
    ("山田太郎", "山田商事", "社長", "taro@yamada.co.jp", "+81 90 1234 5678", "android", {}),
    (
        "Сергей Иванов",
        "ООО Ромашка",
        "Инженер",
        "s.ivanov@romashka.ru",
        "+7 912 345 67 89",
        "google",
        {},
    ),
    ("محمد علي", "شركة النور", "مدير", "m.ali@alnoor.sa", "+966 50 123 4567", "v4", {}),
    ("김민준", "한빛소프트", "개발자", "minjun@hanbit.kr", "+82 10 1234 5678", "ios", {}),
    (
        "Ελένη Παπαδοπούλου",
        "Aegean Travel",
        "Manager",
        "eleni@aegean.gr",
        "+30 69 1234 5678",
        "google",
        {},
    ),
    (
        "Nguyễn Văn An",
        "Saigon Coffee",
        "Founder",
        "an@saigoncoffee.vn",
        "+84 90 123 45 67",
        "android",
        {},
    ),
    (
        "Antonín Dvořák",
        "Praha Music",
        "Composer",
        "antonin@prahamusic.cz",
        "+420 601 123 456",
        "v4",
        {},
    ),
    (
        "Made Wirawan",
        "Bali Surf School",
        "Instructor",
        "made@balisurf.id",
        "+62 819 1000 200",
        "ios",
        {},
    ),
    ("Wayan Sudarma", "", "", "", "+62 819 1000 300", "android", {}),
    (
        "Dewi Kartika",
        "Kartika Batik",
        "Owner",
        "dewi@kartikabatik.id",
        "+62 812 2000 400",
        "google",
        {
            "note": "Needs an exporter to Europe, speaks Dutch and English; met at the Bali business breakfast"
        },
    ),
    (
        "Agus Salim",
        "Koperasi Sejahtera",
        "Ketua",
        "agus@sejahtera.coop",
        "+62 813 3000 500",
        "android",
        {},
    ),
    ("Ketut Arya", "Arya Villas", "Manager", "ketut@aryavillas.com", "+62 361 123 456", "ios", {}),
    (
        "Søren Kierkegaard",
        "Copenhagen Philosophy",
        "Writer",
        "soren@cph.dk",
        "+45 20 12 34 56",
        "v4",
        {},
    ),
    (
        "Łukasz Wiśniewski",
        "Kraków Dev",
        "CTO",
        "lukasz@krakowdev.pl",
        "+48 600 123 456",
        "google",
        {},
    ),
    (
        "Ana María Pérez García",
        "Fundación Luz",
        "Directora",
        "anamaria@fundacionluz.org",
        "+52 55 1234 5678",
        "ios",
        {},
    ),
    (
        "Ahmad Fauzi",
        "Fauzi Consulting",
        "Consultant",
        "ahmad@fauzi.co.id",
        "+62 812 4000 600",
        "android",
        {},
    ),
    (
        "Rina Wulandari",
        "Startup Bandung",
        "COO",
        "rina@startupbandung.id",
        "+62 822 5000 700",
        "google",
        {"categories": "startup,bandung"},
    ),
    (
        "Ömer Yılmaz",
        "İstanbul Tekstil",
        "Export Manager",
        "omer@istanbultekstil.com.tr",
        "+90 532 123 45 67",
        "v4",
        {},
    ),
    (
        "Chloé Dubois",
        "Atelier Chloé",
        "Illustrator",
        "chloe@atelierchloe.fr",
        "+33 7 11 22 33 44",
        "ios",
        {},
    ),
    (
        "Hans-Jürgen Groß",
        "Groß GmbH",
        "Geschäftsführer",
        "hj@gross.de",
        "+49 171 1234567",
        "android",
        {},
    ),
    (
        "Putu Eka Saputra",
        "Eka Digital",
        "Developer",
        "eka@ekadigital.id",
        "+62 857 6000 800",
        "google",
        {},
    ),
    ("Bích Ngọc Trần", "Hanoi Silk", "Buyer", "ngoc@hanoisilk.vn", "+84 91 234 56 78", "v4", {}),
    (
        "Priya Raghunathan",
        "Chennai Exports",
        "Partner",
        "priya@chennaiexports.in",
        "+91 98400 12345",
        "ios",
        {},
    ),
    (
        "Gede Prasetya",
        "Prasetya Law",
        "Lawyer",
        "gede@prasetyalaw.id",
        "+62 811 7000 900",
        "android",
        {"note": "Knows company setup (PT PMA) and visas"},
    ),
    (
        "Anneliese Ångström",
        "Uppsala Labs",
        "Researcher",
        "anneliese@uppsalalabs.se",
        "+46 70 123 45 67",
        "google",
        {},
    ),
    ("Siddharth Mehta", "Mehta & Co", "Accountant", "sid@mehtaco.in", "+91 99200 54321", "v4", {}),
    (
        "Yuki Tanaka",
        "Tanaka Design",
        "Designer",
        "yuki@tanakadesign.jp",
        "+81 80 9876 5432",
        "ios",
        {},
    ),
    (
        "Fatimah Az-Zahra",
        "Rumah Zakat",
        "Program Officer",
        "fatimah@rumahzakat.org",
        "+62 821 8000 100",
        "android",
        {},
    ),
    ("Björn Þórsson", "Reykjavík Fish", "Sales", "bjorn@rvkfish.is", "+354 690 1234", "google", {}),
    (
        "Kadek Dwi Jayanti",
        "Jayanti Spa",
        "Owner",
        "kadek@jayantispa.com",
        "+62 878 9000 200",
        "v4",
        {},
    ),
    (
        "Oluwaseun Adeyemi",
        "Lagos Fintech",
        "Product Lead",
        "seun@lagosfintech.ng",
        "+234 803 123 4567",
        "ios",
        {},
    ),
    (
        "Ayşe Kaya",
        "Kaya Turizm",
        "Guide",
        "ayse@kayaturizm.com.tr",
        "+90 533 765 43 21",
        "android",
        {},
    ),
    ("Lê Thị Hồng", "Hue Crafts", "Artisan", "hong@huecrafts.vn", "+84 93 111 22 33", "google", {}),
    # 40: the same person as card 1 (same email, other spelling): merged, not added.
    (
        "budi santoso",
        "PT Maju Jaya",
        "",
        "BUDI@majujaya.co.id",
        "",
        "google",
        {"categories": "supplier"},
    ),
    (
        "Pak Harto Wijaya",
        "Wijaya Logistik",
        "Owner",
        "harto@wijayalogistik.id",
        "+62 812 1010 300",
        "android",
        {},
    ),
    (
        "Maëlle Le Guen",
        "Breizh Cidre",
        "Brewer",
        "maelle@breizhcidre.fr",
        "+33 6 98 76 54 32",
        "v4",
        {},
    ),
    (
        "Rizky Pratama",
        "Gojek",
        "Engineer",
        "rizky@example.gojek.com",
        "+62 812 1212 400",
        "ios",
        {},
    ),
    ("Nyoman Sukerta", "", "Driver", "", "+62 812 1313 500", "android", {}),
    (
        "Eszter Szőke",
        "Budapest Bakery",
        "Baker",
        "eszter@budapestbakery.hu",
        "+36 30 123 4567",
        "google",
        {},
    ),
    (
        "Tran Minh Đức",
        "Danang Shipping",
        "Director",
        "duc@danangship.vn",
        "+84 90 765 43 21",
        "v4",
        {},
    ),
    (
        "Intan Permatasari",
        "Permata Florist",
        "Florist",
        "intan@permataflorist.id",
        "+62 813 1414 600",
        "ios",
        {},
    ),
    # 48: no name at all, just a number: skipped.
    ("", "", "", "", "+62 812 9999 000", "android", {}),
    (
        "Ioana Popescu",
        "Carpathian Wood",
        "Carpenter",
        "ioana@carpathianwood.ro",
        "+40 721 123 456",
        "google",
        {},
    ),
    (
        "Bayu Nugroho",
        "Nugroho Printing",
        "Owner",
        "bayu@nugrohoprint.id",
        "+62 812 1515 700",
        "android",
        {"no_fn": "1"},
    ),
]


def fold(line: str, limit: int = 75) -> str:
    """RFC 6350 folding at 75 octets, never inside a UTF-8 sequence."""
    out: list[str] = []
    current = ""
    for char in line:
        if len((current + char).encode()) > limit:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return CRLF.join(out)


def esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def split_name(name: str) -> tuple[str, str]:
    parts = name.rsplit(" ", 1)
    return (parts[0], parts[1]) if len(parts) == 2 else (name, "")


PHOTO = base64.b64encode(bytes(range(256)) * 3).decode()


def ios(p: tuple[str, str, str, str, str, str, dict[str, str]]) -> str:
    name, org, title, email, phone, _style, extra = p
    given, family = split_name(name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Apple Inc.//iPhone OS 17.5//EN",
        f"N:{esc(family)};{esc(given)};;;",
        f"FN:{esc(name)}",
    ]
    if org:
        lines.append(f"ORG:{esc(org)};")
    if title:
        lines.append(f"TITLE:{esc(title)}")
    if email:
        lines += [f"item1.EMAIL;type=INTERNET;type=pref:{email}", "item1.X-ABLabel:_$!<Other>!$_"]
    if phone:
        lines.append(f"TEL;type=CELL;type=VOICE;type=pref:{phone}")
    if extra.get("bday_no_year"):
        lines.append("BDAY;X-APPLE-OMIT-YEAR=1604;VALUE=date:1604-03-21")
    if extra.get("photo"):
        lines.append(f"PHOTO;ENCODING=b;TYPE=JPEG:{PHOTO}")
    lines.append("END:VCARD")
    return CRLF.join(fold(x) for x in lines) + CRLF


def qp(text: str) -> str:
    """Quoted-printable as Android writes it, with '=' soft breaks at 76 characters."""
    encoded = quopri.encodestring(text.encode(), quotetabs=True).decode().replace("=\n", "")
    encoded = encoded.replace(" ", "=20")
    chunks = [encoded[i : i + 70] for i in range(0, len(encoded), 70)]
    # never cut an =XX escape
    fixed: list[str] = []
    carry = ""
    for chunk in chunks:
        chunk = carry + chunk
        carry = ""
        cut = chunk.rfind("=", len(chunk) - 2)
        if cut != -1:
            chunk, carry = chunk[:cut], chunk[cut:]
        fixed.append(chunk)
    if carry:
        fixed.append(carry)
    return ("=" + CRLF).join(fixed)


def android(p: tuple[str, str, str, str, str, str, dict[str, str]]) -> str:
    name, org, title, email, phone, _style, extra = p
    lines = ["BEGIN:VCARD", "VERSION:2.1"]
    if name:
        given, family = split_name(name)
        if name.isascii():
            lines.append(f"N:{family};{given};;;")
            if not extra.get("no_fn"):
                lines.append(f"FN:{name}")
        else:
            lines.append(f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(family)};{qp(given)};;;")
            lines.append(f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(name)}")
    if phone:
        lines.append(f"TEL;CELL:{phone}")
    if email:
        lines.append(f"EMAIL;HOME:{email}")
    if org:
        if org.isascii():
            lines.append(f"ORG:{org}")
        else:
            lines.append(f"ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(org)}")
    if title:
        if title.isascii():
            lines.append(f"TITLE:{title}")
        else:
            lines.append(f"TITLE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(title)}")
    if extra.get("note"):
        lines.append(f"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(extra['note'])}")
    if name == "Siti Rahayu":
        chunks = [PHOTO[i : i + 72] for i in range(0, 400, 72)]
        lines.append("PHOTO;ENCODING=BASE64;JPEG:" + chunks[0])
        lines += ["  " + chunk for chunk in chunks[1:]]
        lines.append("")  # vCard 2.1 ends base64 data with a blank line
    lines.append("END:VCARD")
    return CRLF.join(lines) + CRLF


def google(p: tuple[str, str, str, str, str, str, dict[str, str]]) -> str:
    name, org, title, email, phone, _style, extra = p
    given, family = split_name(name)
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{esc(name)}", f"N:{esc(family)};{esc(given)};;;"]
    if email:
        lines.append(f"EMAIL;TYPE=INTERNET;TYPE=HOME:{email}")
    if phone:
        lines.append(f"TEL;TYPE=CELL:{phone}")
    if org:
        lines.append(f"ORG:{esc(org)}")
    if title:
        lines.append(f"TITLE:{esc(title)}")
    if extra.get("note"):
        lines.append(f"NOTE:{esc(extra['note'])}")
    lines.append(
        "CATEGORIES:"
        + ",".join(["myContacts", *filter(None, extra.get("categories", "").split(","))])
    )
    lines.append("END:VCARD")
    return CRLF.join(fold(x) for x in lines) + CRLF


def v4(p: tuple[str, str, str, str, str, str, dict[str, str]]) -> str:
    name, org, title, email, phone, _style, extra = p
    given, family = split_name(name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"FN:{esc(name)}",
        f"N:{esc(family)};{esc(given)};;;",
        "KIND:individual",
    ]
    if email:
        lines.append(f"EMAIL;TYPE=work;PREF=1:{email}")
    if phone:
        lines.append(f'TEL;VALUE=uri;TYPE="voice,cell":tel:{phone.replace(" ", "-")}')
    if org:
        lines.append(f"ORG:{esc(org)}")
    if title:
        lines.append(f"TITLE:{esc(title)}")
    if extra.get("bday"):
        lines.append(f"BDAY:{extra['bday']}")
    lines.append("END:VCARD")
    return CRLF.join(fold(x) for x in lines) + CRLF


def phone_export() -> str:
    styles = {"ios": ios, "android": android, "google": google, "v4": v4}
    return "".join(styles[p[5]](p) for p in PEOPLE)


LINKEDIN_PREAMBLE = (
    "Notes:"
    + CRLF
    + '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"' + CRLF + CRLF
)
LINKEDIN_ROWS = [
    (
        "Budi",
        "Santoso",
        "https://www.linkedin.com/in/budisantoso",
        "budi@majujaya.co.id",
        "PT Maju Jaya",
        "Direktur Utama",
        "12 Mar 2024",
    ),
    (
        "Rina",
        "Wulandari",
        "https://www.linkedin.com/in/rinawulandari",
        "",
        "Startup Bandung",
        "COO",
        "03 Jan 2023",
    ),
    (
        "Chloé",
        "Dubois",
        "https://www.linkedin.com/in/chloedubois",
        "",
        "Atelier Chloé",
        "Illustrator",
        "28 Feb 2022",
    ),
    (
        "Thomas",
        "Becker",
        "https://www.linkedin.com/in/thomasbecker",
        "thomas.becker@example.de",
        "SAP",
        "Senior Consultant, Cloud",
        "15 Nov 2026",
    ),
    (
        "Aditya",
        "Nugraha",
        "https://www.linkedin.com/in/adityanugraha",
        "",
        "Tokopedia",
        "Product Manager",
        "01 Aug 2025",
    ),
    ("Mei", "Lin", "https://www.linkedin.com/in/meilin", "", "", "", "19 Sep 2021"),
    (
        "Sarah",
        "O'Connor",
        "https://www.linkedin.com/in/sarahoconnor",
        "sarah@oconnor.ie",
        'O\'Connor "Legal" Ltd',
        "Solicitor",
        "07 Jul 2020",
    ),
    (
        "Gede",
        "Prasetya",
        "https://www.linkedin.com/in/gedeprasetya",
        "",
        "Prasetya Law",
        "Lawyer",
        "22 Oct 2024",
    ),
    (
        "Ana María",
        "Pérez García",
        "https://www.linkedin.com/in/anamariaperez",
        "",
        "Fundación Luz",
        "Directora",
        "30 Apr 2019",
    ),
    ("Kevin", "Tan", "https://www.linkedin.com/in/kevintan", "", "Grab", "Engineer", "11 Jun 2025"),
]


def csv_cell(value: str, sep: str = ",") -> str:
    if any(c in value for c in (sep, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def linkedin() -> str:
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    rows = [",".join(csv_cell(v) for v in row) for row in LINKEDIN_ROWS]
    return LINKEDIN_PREAMBLE + header + CRLF + CRLF.join(rows) + CRLF


INDONESIAN_HEADER = [
    "Nama Lengkap",
    "Surel",
    "No HP",
    "Perusahaan",
    "Jabatan",
    "Label",
    "Catatan",
    "Tanggal Bertemu",
    "Kota",
]
INDONESIAN_ROWS = [
    [
        "Siti Rahayu",
        "siti.rahayu@notaris.id",
        "0813-1111-2222",
        "Notaris Siti Rahayu SH",
        "Notaris",
        "notaris, bali",
        "Bisa bantu akta pendirian PT",
        "05/11/2026",
        "Denpasar",
    ],
    [
        "Bapak Joko Widodo",
        "",
        "0812 7777 8888",
        "UD Sumber Rejeki",
        "Pemilik",
        "supplier",
        "Butuh distributor di Jawa Timur;\nminta katalog",
        "20/10/2026",
        "Solo",
    ],
    [
        "Ibu Sri Mulyani",
        "sri@example.id",
        "",
        "Kementerian Keuangan",
        "Menteri",
        "",
        "",
        "1 Agustus 2026",
        "Jakarta",
    ],
    [
        "Made Wirawan",
        "made@balisurf.id",
        "",
        "Bali Surf School",
        "Instructor",
        "surf",
        "Ketemu di Canggu",
        "14/09/2026",
        "Canggu",
    ],
    [
        "Dewi Lestari",
        "dewi.lestari@example.id",
        "+62 811 2222 3333",
        "",
        "Penulis",
        "buku; penerbit",
        "",
        "2026-07-03",
        "Bandung",
    ],
    [
        "Chloé Dubois",
        "chloe@atelierchloe.fr",
        "",
        "Atelier Chloé",
        "Illustrator",
        "seni",
        "Ilustrasi untuk buku anak",
        "12/12/2025",
        "Paris",
    ],
    [
        "Andi Setiawan",
        "andi@setiawan.co.id",
        "0857 1234 5678",
        "CV Setiawan",
        "Direktur",
        "",
        "Perlu akuntan pajak",
        "",
        "Makassar",
    ],
]


def indonesian(sep: str = ";") -> str:
    lines = [sep.join(csv_cell(v, sep) for v in INDONESIAN_HEADER)]
    lines += [sep.join(csv_cell(v, sep) for v in row) for row in INDONESIAN_ROWS]
    return CRLF.join(lines) + CRLF


def main() -> None:
    vcf = phone_export()
    (HERE / "phone_export.vcf").write_bytes(vcf.encode())
    # Cut in the middle of the 31st card (a copy interrupted mid-way).
    cut = vcf.index("BEGIN:VCARD", vcf.index("Anneliese")) - 40
    (HERE / "phone_export_truncated.vcf").write_bytes(vcf[:cut].encode())
    (HERE / "phone_export_utf16.vcf").write_bytes(vcf.encode("utf-16-le"))
    (HERE / "empty.vcf").write_bytes(b"")
    (HERE / "not_a_vcard.vcf").write_bytes(indonesian().encode())
    (HERE / "photo.png").write_bytes(
        base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
        )
    )

    li = linkedin()
    (HERE / "Connections.csv").write_bytes(li.encode())
    (HERE / "Connections_truncated.csv").write_bytes(li[: li.index("Gede") + 40].encode())
    (HERE / "Connections_utf16.csv").write_bytes(li.encode("utf-16-le"))
    (HERE / "Connections_empty.csv").write_bytes(b"")
    (HERE / "Connections_wrong.csv").write_bytes(indonesian().encode())

    ind = indonesian()
    (HERE / "kontak_indonesia.csv").write_bytes(b"\xef\xbb\xbf" + ind.encode())
    (HERE / "kontak_cp1252.csv").write_bytes(indonesian(",").encode("cp1252", errors="replace"))
    (HERE / "kontak_truncated.csv").write_bytes(
        (b"\xef\xbb\xbf" + ind.encode())[: ind.encode().index(b"minta")]
    )
    (HERE / "kontak_bad_bytes.csv").write_bytes(
        ind.encode()[:200] + b"\x81\x8d\x8f" + ind.encode()[200:]
    )
    (HERE / "kontak_empty.csv").write_bytes(b"")
    (HERE / "kontak_wrong.csv").write_bytes(vcf[:2000].encode())


if __name__ == "__main__":
    main()
