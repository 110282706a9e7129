"""Seed data of migration 002: the curated groups of related words in ``synonyms``.

Each group gathers words (English and Bahasa Indonesia, a few multi-word
terms) that a busy person might use for the same kind of help. Matching treats
the members of a group as related, not identical: a capability that uses the
very words of a need still ranks above one that only uses a related word.

These are the common needs of small businesses (SPEC.md, issue 5). Users add
their own with ``nj synonyms add``; a later release that changes these
defaults must do it in a new migration (m002 is frozen once applied).
"""

from __future__ import annotations

# fmt: off
DEFAULT_GROUPS: tuple[tuple[str, ...], ...] = (
    # legal
    ("lawyer", "attorney", "solicitor", "legal", "law firm", "pengacara", "advokat",
     "hukum", "konsultan hukum", "notary", "notaris", "contract", "kontrak", "perjanjian",
     "lease", "akta", "deed"),
    ("company formation", "company registration", "incorporation", "set up a company",
     "pendirian pt", "akta pendirian", "pt pma", "badan usaha", "perusahaan baru"),
    # housing and property
    ("house", "home", "rumah", "rent", "rental", "sewa", "kontrakan", "kos", "kost",
     "apartment", "apartemen", "villa", "property", "properti", "real estate",
     "estate agent", "agen properti", "landlord", "tanah", "land"),
    # tax and accounting
    ("tax", "pajak", "perpajakan", "npwp", "spt", "accountant", "akuntan", "accounting",
     "akuntansi", "bookkeeping", "bookkeeper", "pembukuan", "keuangan", "laporan keuangan",
     "audit"),
    # health
    ("doctor", "dokter", "physician", "gp", "clinic", "klinik", "hospital",
     "rumah sakit", "puskesmas", "medical", "medis", "kesehatan", "health"),
    ("pediatrician", "paediatrician", "dokter anak", "spesialis anak", "child doctor"),
    ("dentist", "dental", "dokter gigi", "gigi", "teeth", "tooth", "toothache"),
    ("vet", "veterinarian", "dokter hewan", "drh", "hewan", "animal", "pet"),
    ("psychologist", "psikolog", "therapist", "counsellor", "counselor", "konseling",
     "terapi", "mental health"),
    # permits and immigration
    ("permit", "izin", "ijin", "perizinan", "license", "licence", "licensing", "nib", "oss",
     "paperwork", "dokumen", "document", "surat"),
    ("visa", "kitas", "kitap", "imigrasi", "immigration", "paspor", "passport",
     "work permit", "imta", "rptka", "stay permit"),
    ("halal", "sertifikat halal", "sertifikasi halal", "pirt", "bpom"),
    # hiring
    ("hiring", "hire", "recruit", "recruiter", "recruitment", "rekrutmen", "staff",
     "karyawan", "pegawai", "employee", "lowongan", "headhunter", "headhunting", "hr",
     "tenaga kerja"),
    ("helper", "maid", "nanny", "pembantu", "asisten rumah tangga", "babysitter",
     "baby sitter", "pengasuh"),
    # suppliers
    ("supplier", "suppliers", "pemasok", "supply", "vendor", "distributor", "wholesale",
     "grosir", "produsen", "manufacturer", "bahan baku", "raw materials"),
    ("packaging", "kemasan", "box", "boxes", "dus", "kardus", "label"),
    # customers and sales
    ("customers", "customer", "clients", "client", "pelanggan", "klien", "pembeli",
     "sales", "penjualan", "leads", "lead generation", "b2b", "pasar"),
    # funding
    ("funding", "investor", "investment", "investasi", "angel", "seed", "venture",
     "modal", "pendanaan", "dana", "loan", "pinjaman", "kredit", "kur", "grant", "hibah",
     "fundraising", "capital"),
    ("bank", "banking", "rekening", "bank account", "giro"),
    ("insurance", "asuransi", "polis"),
    # design
    ("design", "designer", "desain", "desainer", "logo", "branding", "brand identity",
     "graphic", "grafis"),
    ("interior", "interior designer", "desain interior", "dekorasi"),
    ("architect", "arsitek", "architecture", "building plans", "imb", "pbg"),
    ("builder", "contractor", "kontraktor", "renovation", "renovasi", "renovate",
     "bangun", "construction"),
    # marketing
    ("marketing", "pemasaran", "promosi", "promotion", "ads", "advertising", "iklan",
     "social media", "media sosial", "instagram", "seo", "digital marketing", "influencer"),
    ("pr", "press", "media", "journalist", "wartawan", "jurnalis", "press release",
     "publicity", "liputan"),
    ("copywriting", "copywriter", "texts", "content writer", "penulis", "blog"),
    # translation
    ("translation", "translate", "translator", "terjemahan", "penerjemah",
     "menerjemahkan", "interpreter", "interpreting", "juru bahasa", "sworn translator",
     "penerjemah tersumpah"),
    # IT
    ("website", "web", "situs", "web developer", "wordpress", "online shop", "toko online",
     "e-commerce", "ecommerce"),
    ("app", "apps", "aplikasi", "mobile app", "software", "developer", "programmer"),
    ("laptop", "computer", "komputer", "it support", "servis laptop", "wifi"),
    # trades and services
    ("plumber", "tukang ledeng", "ledeng", "pipa", "pipe", "leak", "bocor", "saluran air"),
    ("electrician", "tukang listrik", "listrik", "electric", "electricity", "wiring",
     "instalasi listrik"),
    ("mechanic", "bengkel", "mekanik", "car repair", "servis mobil", "garage"),
    ("driver", "sopir", "supir", "airport pickup", "antar jemput", "car rental",
     "sewa mobil", "transport"),
    ("pest control", "termites", "termite", "rayap", "hama", "tikus", "rats"),
    ("printing", "percetakan", "cetak", "print", "banner", "spanduk", "brosur", "brochure",
     "flyer"),
    ("tailor", "penjahit", "konveksi", "uniform", "uniforms", "seragam", "garment"),
    ("photographer", "fotografer", "photography", "fotografi", "photos", "foto",
     "photo shoot"),
    ("video", "videographer", "videografer", "video editing", "film"),
    ("catering", "caterer", "katering", "nasi kotak", "food for events"),
    ("event organizer", "event organiser", "eo", "events", "acara", "wedding planner",
     "party"),
    ("shipping", "freight", "logistics", "ekspedisi", "pengiriman", "export", "ekspor",
     "import", "impor", "customs", "bea cukai", "forwarder"),
    ("coworking", "office space", "ruang kerja", "desk", "meeting room",
     "tempat kerja"),
    ("teacher", "guru", "tutor", "lessons", "les", "kursus", "course", "classes"),
    ("nutritionist", "ahli gizi", "gizi", "diet", "dietitian", "nutrition"),
    ("solar", "solar panels", "panel surya", "tenaga surya", "pv"),
)
# fmt: on
