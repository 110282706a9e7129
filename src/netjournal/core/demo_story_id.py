"""The demo story in Bahasa Indonesia: every English sentence of
:data:`netjournal.core.demo_story.STORY` and what Putu would write instead.

``nj demo --lang id`` writes the same steps with these texts (see
:func:`netjournal.core.demo.build`). Names of people, places and businesses
stay; sentences the story already writes in Indonesian are not listed (they
stay as they are). A test checks that every sentence of the story is either
listed here or already Indonesian.
"""

from __future__ import annotations

#: English text of the story -> the Indonesian text written instead.
INDONESIAN: dict[str, str] = {
    # --- meetings: where, roles, capabilities, notes ---------------------------
    "Pasar Badung, 5 am": "Pasar Badung, jam 5 pagi",
    "Kintamani farm visit": "kunjungan ke kebun kopi Kintamani",
    "Dinner in Kemang": "acara makan malam di Kemang",
    "Politeknik Pariwisata job fair": "bursa kerja Politeknik Pariwisata",
    "Seminyak chefs' dinner": "acara makan malam para chef di Seminyak",
    "Ubud Food Festival briefing": "briefing Ubud Food Festival",
    "Coffee & tea cupping": "acara cupping kopi & teh",
    "Batu Bolong beach": "Pantai Batu Bolong",
    "yoga teacher": "guru yoga",
    "Moved from Singapore two years ago; loves our kopi susu.": (
        "Pindah dari Singapura dua tahun lalu; suka kopi susu kami."
    ),
    "yoga classes for beginners": "kelas yoga untuk pemula",
    "wholesale tomato seller": "pedagang grosir tomat",
    "Ramah sekali. Gave me a tomato to taste before I bought anything.": (
        "Ramah sekali. Saya diberi tomat untuk dicoba sebelum membeli apa pun."
    ),
    "wholesale tomatoes and chili": "grosir tomat dan cabai",
    "general practitioner who speaks English": "dokter umum yang bisa berbahasa Inggris",
    "real estate agent": "agen properti",
    "houses and villas to rent in Canggu and Ubud": "rumah dan vila sewaan di Canggu dan Ubud",
    "visa agent": "agen visa",
    "KITAS and work visa paperwork": "urus KITAS dan visa kerja",
    "notary: company deeds (akta pendirian PT/CV)": "notaris: akta pendirian PT/CV",
    "coffee farmer": "petani kopi",
    "kopi arabika Kintamani, direct trade": "kopi arabika Kintamani, langsung dari petani",
    "coffee farm tours": "tur kebun kopi",
    "retired hotel GM, mentor": "pensiunan GM hotel, mentor",
    "hotel and restaurant management": "manajemen hotel dan restoran",
    "pricing and costing menus": "menghitung harga pokok dan harga jual menu",
    "bakery owner": "pemilik toko roti",
    "sourdough and pastry wholesale": "grosir roti sourdough dan pastry",
    "investment in food and beverage": "investasi di bisnis makanan dan minuman",
    "opening cafés in Jakarta malls": "membuka kafe di mal Jakarta",
    "investor": "investor",
    "logistics": "logistik",
    "cold-chain shipping Bali–Jakarta": "pengiriman berpendingin Bali–Jakarta",
    "app developer": "pengembang aplikasi",
    "websites and online ordering for restaurants": "situs web dan pesan online untuk restoran",
    "wine importer": "importir wine",
    "importing wine and cheese": "impor wine dan keju",
    "French-speaking contacts": "kenalan yang berbahasa Prancis",
    "UMKM loan officer": "petugas kredit UMKM",
    "KUR loans for small businesses": "pinjaman KUR untuk usaha kecil",
    "Andi's brother-in-law; very kind with kids.": "Ipar Andi; sangat sabar dengan anak-anak.",
    "paediatrician (dokter anak) in South Jakarta": "dokter anak di Jakarta Selatan",
    "graphic designer": "desainer grafis",
    "menu design": "desain menu",
    "photographer": "fotografer",
    "food and product photography": "foto makanan dan produk",
    "cook": "juru masak",
    "masakan Bali, kitchen prep": "masakan Bali, persiapan dapur",
    "restaurant owner": "pemilik restoran",
    "hiring kitchen staff": "merekrut staf dapur",
    "catering partner in Ubud": "mitra katering di Ubud",
    "guesthouse owner": "pemilik guesthouse",
    "rooms for visiting family": "kamar untuk keluarga yang berkunjung",
    "accountant": "akuntan",
    "bookkeeping and laporan pajak UMKM": "pembukuan dan laporan pajak UMKM",
    "tax reports for expats": "laporan pajak untuk ekspatriat",
    "digital nomad": "digital nomad",
    "German lessons": "les bahasa Jerman",
    "UX designer": "desainer UX",
    "Just arrived from Lyon; lives in a guesthouse for now.": (
        "Baru datang dari Lyon; untuk sementara tinggal di guesthouse."
    ),
    "user research and app design": "riset pengguna dan desain aplikasi",
    "student": "mahasiswa",
    "Instagram reels": "reels Instagram",
    "printer": "percetakan",
    "printing menus, banners and stickers": "cetak menu, spanduk dan stiker",
    "chef": "chef",
    "Italian cooking classes": "kelas masak Italia",
    "marketing freelancer": "pemasar lepas",
    "Instagram marketing for warungs": "pemasaran Instagram untuk warung",
    "event organiser": "penyelenggara acara",
    "food festivals and bazaars": "festival kuliner dan bazar",
    "tea importer": "importir teh",
    "Chinese and Taiwanese tea": "teh Tiongkok dan Taiwan",
    "surf instructor": "instruktur selancar",
    "surf lessons": "les selancar",
    # --- needs -------------------------------------------------------------------
    "a good doctor who speaks English, near Ubud": (
        "dokter yang bagus dan bisa berbahasa Inggris, dekat Ubud"
    ),
    "an investor for his ordering app": "investor untuk aplikasi pemesanannya",
    "a notary to set up her CV (company)": "notaris untuk mendirikan CV-nya",
    "a job as a cook in Canggu or Ubud": "pekerjaan sebagai juru masak di Canggu atau Ubud",
    "an accountant who speaks English for Indonesian tax": (
        "akuntan yang bisa berbahasa Inggris untuk urusan pajak Indonesia"
    ),
    "a house to rent in Canggu or Ubud, 2 bedrooms": (
        "rumah sewa di Canggu atau Ubud, 2 kamar tidur"
    ),
    "help with the KITAS paperwork (visa)": "bantuan mengurus KITAS (visa)",
    "dokter anak yang bagus di Jakarta Selatan (good paediatrician)": (
        "dokter anak yang bagus di Jakarta Selatan"
    ),
    "an internship in a restaurant kitchen (magang dapur)": "magang di dapur restoran",
    "a cheaper printer for her menus": "percetakan yang lebih murah untuk menunya",
    # --- help given and received, promises ----------------------------------------
    "a tomato to taste, and the number of his chili supplier": (
        "tomat untuk dicoba, dan nomor pemasok cabainya"
    ),
    "lent us a cool box for the expo stand": "meminjamkan cool box untuk stan pameran kami",
    "send our sales numbers and the pitch deck": "kirim angka penjualan kami dan pitch deck",
    "a catering tasting for her 12 guests, at cost": (
        "icip-icip katering untuk 12 tamunya, harga modal"
    ),
    "Friday lunch for her office, catering at cost": (
        "makan siang Jumat untuk kantornya, katering harga modal"
    ),
    "send photos of our menu for her logo brief": "kirim foto menu kami untuk brief logonya",
    "send her our financial statements for the KUR loan": (
        "kirim laporan keuangan kami untuk pinjaman KUR"
    ),
    "recommended us for a stand at the Ubud Food Festival": (
        "merekomendasikan kami untuk stan di Ubud Food Festival"
    ),
    # --- contacts, introductions, outcomes, follow-ups --------------------------------
    "Sent her our company papers to check": "Mengirim dokumen perusahaan kami untuk dicek",
    "Lina came for breakfast; she saw dr. Ketut, all good": (
        "Lina datang sarapan; sudah ke dr. Ketut, semua baik"
    ),
    "Ordered 20 kg of tomatoes for the catering": "Pesan 20 kg tomat untuk katering",
    "Sent Claire our menu; she suggests a wine pairing night": (
        "Mengirim menu ke Claire; dia mengusulkan malam wine pairing"
    ),
    "Harvest is good; will send samples": "Panen bagus; akan kirim sampel",
    "Lunch with Joko: raise the catering price by 10%": (
        "Makan siang dengan Joko: naikkan harga katering 10%"
    ),
    "Ayu booked catering for December": "Ayu memesan katering untuk Desember",
    "Samples arrived: excellent": "Sampel sudah sampai: luar biasa",
    "Rina's son is often sick; she wants a better doctor": (
        "Anak Rina sering sakit; dia ingin dokter yang lebih baik"
    ),
    "Surf on Sunday? Ya, jam 6 pagi": "Selancar hari Minggu? Ya, jam 6 pagi",
    "Lina wants an English-speaking doctor": "Lina mencari dokter yang bisa berbahasa Inggris",
    "Fajar's app for warungs": "Aplikasi Fajar untuk warung",
    "Both do branding for cafés; could team up": (
        "Sama-sama menangani branding kafe; bisa bekerja sama"
    ),
    "Andi passed for now, but gave good feedback": (
        "Andi belum berminat, tapi memberi masukan yang bagus"
    ),
    "Akta CV selesai; Dewi is very happy": "Akta CV selesai; Dewi senang sekali",
    "Sari did the deed": "Sari yang membuat aktanya",
    "Kadek starts at Warung Gede on Monday": "Kadek mulai kerja di Warung Gede hari Senin",
    "order 30 kg for December": "pesan 30 kg untuk Desember",
    "ask about the Kemang location": "tanya soal lokasi di Kemang",
}


def indonesian(text: str) -> str:
    """The Indonesian text of one sentence of the story (itself when not listed)."""
    return INDONESIAN.get(text, text)
