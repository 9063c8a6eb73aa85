"""The citation grammar on real sentences, one group per failure class of issue #13.

Every sentence is quoted from ../shared/corpus (path and line below; Markdown/PDF line breaks
joined by a space, emphasis marks dropped), mostly from the TUNING half of the shared split
(benchmarks/_split.py); the two marked "evaluation half" are the only real instances found outside
the blind set. None comes from a document of the blind set (tests/data/citations_blind_input.jsonl).
The expected readings follow docs/citation-labelling.md. test_sentences_are_real checks that each
sentence really is in the corpus file.
"""
from __future__ import annotations

import gzip
import json
import re
import unicodedata

import pytest

from citation_scoring import pin_str
from vbqppl_check.parse.citation_grammar import find_references, parse_basis

V = "vbpl-central-2025/vbpl_central.jsonl.gz#"

# (class, source, line (vbpl paragraph index; None for files read as a whole), mode, sentence, expected)
# expected: one dict per citation, in order; only the keys given are compared.
CASES = [
    # 1. several documents in one căn cứ / one line, joined by "và" or ","
    ("1-list", V + "doc_000225.html", 13, "basis",
     "Căn cứ Nghị định số 78/2025/NĐ-CP ngày 01 tháng 4 năm 2025 của Chính phủ quy định chi tiết một số điều và biện pháp để tổ chức, hướng dẫn thi hành Luật Ban hành văn bản quy phạm pháp luật và Nghị định số 187/2025/NĐ-CP ngày 01 tháng 7 năm 2025 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 78/2025/NĐ-CP ngày 01 tháng 4 năm 2025 của Chính phủ;",
     [{"number": "78/2025/NĐ-CP", "date": "2025-04-01", "issuer": "Chính phủ",
       "title": "quy định chi tiết một số điều và biện pháp để tổ chức, hướng dẫn thi hành Luật Ban hành văn bản quy phạm pháp luật"},
      {"number": "187/2025/NĐ-CP", "date": "2025-07-01", "issuer": "Chính phủ",
       "title": "sửa đổi, bổ sung một số điều của Nghị định số 78/2025/NĐ-CP ngày 01 tháng 4 năm 2025 của Chính phủ"}]),
    ("1-list", V + "doc_000218.html", 15, "basis",
     "Căn cứ Nghị định số 29/2025/NĐ-CP ngày 24 tháng 3 năm 2025 của Chính phủ quy định chức năng, quyền hạn và cơ cấu tổ chức của Bộ Tài chính và Nghị định số 166/2025/NĐ-CP ngày 30/6/2025 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 29/2025/NĐ-CP ngày 24 tháng 3 năm 2025 của Chính phủ quy định chức năng, quyền hạn và cơ cấu tổ chức của Bộ Tài chính;",
     [{"number": "29/2025/NĐ-CP", "title": "quy định chức năng, quyền hạn và cơ cấu tổ chức của Bộ Tài chính"},
      {"number": "166/2025/NĐ-CP", "date": "2025-06-30",
       "title": "sửa đổi, bổ sung một số điều của Nghị định số 29/2025/NĐ-CP ngày 24 tháng 3 năm 2025 của Chính phủ quy định chức năng, quyền hạn và cơ cấu tổ chức của Bộ Tài chính"}]),
    # a comma before "ngày" (evaluation half: the only instance outside the blind set)
    ("1-list", V + "doc_000707.html", 15, "text",
     "Xét đề nghị của Chính phủ tại Tờ trình số 24/TTr-CP, ngày 26 tháng 7 năm 2024.",
     [{"doc_type": "Tờ trình", "number": "24/TTr-CP", "date": "2024-07-26", "date_raw": "ngày 26 tháng 7 năm 2024"}]),
    # 2. a law cited by name in running text
    ("2-law-name", V + "doc_000016.html", 42, "text",
     "2. Việc bình xét danh hiệu “Lao động tiên tiến” đối với một số trường hợp cụ thể thực hiện theo quy định tại khoản 5 Điều 2 Thông tư số 15/2025/TT-BNV ngày 04 tháng 8 năm 2025 của Bộ trưởng Bộ Nội vụ quy định biện pháp để tổ chức, hướng dẫn thi hành Luật Thi đua, khen thưởng và Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng. Đối với sĩ quan biệt phái của Quân đội nhân dân Việt Nam và Công an nhân dân thực hiện theo quy định của pháp luật.",
     [{"number": "15/2025/TT-BNV", "pinpoints": ["khoan=5 dieu=2"], "issuer": "Bộ trưởng Bộ Nội vụ"},
      {"doc_type": "Luật", "title": "Luật Thi đua, khen thưởng"},
      {"number": "152/2025/NĐ-CP", "issuer": "Chính phủ"},
      {"doc_type": "Luật", "title": "Luật Thi đua, khen thưởng"}]),
    ("2-law-name", V + "doc_000034.html", 26, "text",
     "“1. Tố cáo của người nước ngoài và việc giải quyết tố cáo hành vi vi phạm pháp luật của cơ quan, tổ chức, người nước ngoài tại Việt Nam thuộc thẩm quyền giải quyết của Công an nhân dân được áp dụng theo quy định của Luật Tố cáo, Nghị định số 31/2019/NĐ-CP ngày 10 tháng 4 năm 2019 của Chính phủ quy định chi tiết một số điều và biện pháp tổ chức thi hành Luật Tố cáo (gọi tắt là Nghị định số 31/2019/NĐ-CP), Nghị định số 22/2019/NĐ-CP ngày 25 tháng 02 năm 2019 của Chính phủ quy định về tố cáo và giải quyết tố cáo trong Công an nhân dân (gọi tắt là Nghị định số 22/2019/NĐ-CP) (được sửa đổi, bổ sung năm 2025) và Thông tư này.”.",
     [{"doc_type": "Luật", "title": "Luật Tố cáo"},
      {"number": "31/2019/NĐ-CP", "date": "2019-04-10", "issuer": "Chính phủ"},
      {"doc_type": "Luật", "title": "Luật Tố cáo"},
      {"number": "22/2019/NĐ-CP", "date": "2019-02-25", "issuer": "Chính phủ"}]),
    # 3. amendment chains in parentheses, after a number, with a malformed number
    ("3-chain", V + "doc_000012.html", 81, "text",
     "2. Thời gian tổ chức lựa chọn nhà thầu thực hiện theo quy định tại Điều 45 Luật Đấu thầu số 22/2023/QH15 (được sửa đổi, bổ sung tại khoản 27 Điều 1 Luật số 90/2025/QH15).",
     [{"pinpoints": ["dieu=45"], "title": "Luật Đấu thầu", "number": "22/2023/QH15", "relation": "amended_by",
       "amended_by": ["90/2025/QH15"]}]),
    ("3-chain", V + "doc_000025.html", 733, "text",
     "3. Luật Quản lý thuế số 38/2019/QH14 đã được sửa đổi, bổ sung một số điều theo Luật số 56/2024/QH15 (sau đây gọi là Luật Quản lý thuế số 38/2019/QH14) hết hiệu lực thi hành kể từ ngày Luật này có hiệu lực thi hành, trừ quy định tại khoản 1 và khoản 3 Điều 53 của Luật này; riêng quy định tại Điều 51 của Luật Quản lý thuế số 38/2019/QH14 hết hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2026.",
     [{"number": "38/2019/QH14", "relation": "amended_by", "amended_by": ["56/2024/QH15"]},
      {"target": "self", "pinpoints": ["khoan=1,3 dieu=53"]},
      {"number": "38/2019/QH14", "pinpoints": ["dieu=51"]}]),
    # an older document cannot amend a newer one: the chain belongs to the decree named in the title
    ("3-chain", "congbao-pdf-8topics/txt/quyet-dinh-so-372-qd-btc-469041.txt", None, "basis",
     "Căn cứ Thông tư số 139/2025/TT-BTC ngày 30 tháng 12 năm 2025 của Bộ trưởng Bộ Tài chính sửa đổi, bổ sung một số điều của Thông tư số 57/2021/TT- BTC ngày 12 tháng 7 năm 2021 của Bộ trưởng Bộ Tài chính quy định lộ trình sắp xếp lại thị trường giao dịch cổ phiếu, thị trường giao dịch trái phiếu, thị trường giao dịch chứng khoán phái sinh và thị trường giao dịch các loại chứng khoán khác được sửa đổi, bổ sung bởi Thông tư số 69/2023/TT-BTC;",
     [{"number": "139/2025/TT-BTC", "relation": None, "amended_by": [], "issuer": "Bộ trưởng Bộ Tài chính",
       "title": "sửa đổi, bổ sung một số điều của Thông tư số 57/2021/TT- BTC ngày 12 tháng 7 năm 2021 của Bộ trưởng Bộ Tài chính quy định lộ trình sắp xếp lại thị trường giao dịch cổ phiếu, thị trường giao dịch trái phiếu, thị trường giao dịch chứng khoán phái sinh và thị trường giao dịch các loại chứng khoán khác được sửa đổi, bổ sung bởi Thông tư số 69/2023/TT-BTC"}]),
    # in running text the trích yếu is not recorded, but a chain after it belongs to the document
    ("3-chain", V + "doc_000028.html", 184, "text",
     "Điều 12. Sửa đổi, bổ sung một số điều của Nghị định số 101/2024/NĐ-CP ngày 29 tháng 7 năm 2024 của Chính phủ quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất và Hệ thống thông tin đất đai (được sửa đổi, bổ sung tại Nghị định số 151/2025/NĐ-CP, Nghị định số 226/2025/NĐ-CP)",
     [{"number": "101/2024/NĐ-CP", "kind": "amendment_target", "relation": "amend",
       "amended_by": ["151/2025/NĐ-CP", "226/2025/NĐ-CP"]}]),
    ("3-chain", V + "doc_000585.html", 33, "text",
     "c) Trường hợp các chức danh lao động trong thành phần hao phí nhân công không có trong Thông tư số 16/2021/TT-BVHTTDL; Thông tư số 03/2022/TT- BVHTTDL và Thông tư số 10/2023/TT-BVHTTDL thì áp dụng theo Nghị định số 204/2004/NĐ-CP ngày 14 tháng 12 năm 2004 của Chính phủ về chế độ tiền lương đối với cán bộ, công chức, viên chức và lực lượng vũ trang (được sửa đổi, bổ sung năm 2009, 2012, 2013, 2016); Nghị định số 111/2022/NĐ-CP ngày 30 tháng 12 năm 2022 của Chính phủ về hợp đồng đối với một số loại công việc trong cơ quan hành chính và đơn vị sự nghiệp công lập hoặc xem xét quy đổi tương đương theo vị trí việc làm.",
     [{"number": "16/2021/TT-BVHTTDL"}, {"number": "03/2022/TT-BVHTTDL"}, {"number": "10/2023/TT-BVHTTDL"},
      {"number": "204/2004/NĐ-CP", "relation": "amended_by", "amended_by": []},
      {"number": "111/2022/NĐ-CP", "relation": None}]),
    # 4. mentions inside a title or a short-name clause are not citations
    ("4-in-title", V + "doc_000019.html", 14, "basis",
     "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15, Luật Kinh doanh bất động sản số 29/2023/QH15, Luật Các tổ chức tín dụng số 32/2024/QH15 ngày 29 tháng 6 năm 2024;",
     [{"doc_type": "Luật", "number": None, "date": "2024-06-29",
       "title": "Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15, Luật Kinh doanh bất động sản số 29/2023/QH15, Luật Các tổ chức tín dụng số 32/2024/QH15"}]),
    ("4-in-title", V + "doc_000094.html", 59, "text",
     "1. Cán bộ Công an có chức danh hoặc cấp bậc hàm quy định tại Điều 21 Nghị định số 105/2012/NĐ-CP ngày 17 tháng 12 năm 2012 của Chính phủ về tổ chức lễ tang cán bộ, công chức, viên chức (sau đây viết gọn là Thông tư số 105/2012/NĐ-CP) từ trần thì thực hiện lễ tang theo quy định tại Chương 3 Nghị định số 105/2012/NĐ-CP.",
     [{"number": "105/2012/NĐ-CP", "pinpoints": ["dieu=21"], "issuer": "Chính phủ"},
      {"number": "105/2012/NĐ-CP", "pinpoints": ["chuong=3"]}]),
    # a parenthesis that is neither a short name nor a chain belongs to the title
    ("4-in-title", V + "doc_000225.html", 16, "basis",
     "Căn cứ Nghị định số 242/2025/NĐ-CP ngày 10 tháng 9 năm 2025 của Chính phủ về quản lý và sử dụng vốn hỗ trợ phát triển chính thức (ODA) và vốn vay ưu đãi nước ngoài;",
     [{"number": "242/2025/NĐ-CP",
       "title": "về quản lý và sử dụng vốn hỗ trợ phát triển chính thức (ODA) và vốn vay ưu đãi nước ngoài"}]),
    # 5. "Theo đề nghị" / "Xét" lines: submissions and reports, the type from the symbol
    ("5-proposal", "tvpl-2025-md/docs/02b9be7711f88c70.md", None, "text",
     "Xét Tờ trình số 429/TTr-UBND ngày 21 tháng 11 năm 2025 của Ủy ban nhân dân Thành phố về việc đề nghị ban hành Nghị quyết của Hội đồng nhân dân Thành phố quy định nội dung chi và mức chi đặc thù thuộc thẩm quyền của Hội đồng nhân dân Thành phố; Báo cáo thẩm tra số 163/BC-KTNS ngày 24 tháng 11 năm 2025 của Ban Kinh tế- Ngân sách; ý kiến thảo luận và biểu quyết của đại biểu Hội đồng nhân dân Thành phố.",
     [{"doc_type": "Tờ trình", "number": "429/TTr-UBND", "issuer": "Ủy ban nhân dân Thành phố", "date": "2025-11-21"},
      {"doc_type": "Báo cáo", "number": "163/BC-KTNS", "issuer": "Ban Kinh tế- Ngân sách", "date": "2025-11-24"}]),
    ("5-proposal", "tvpl-2025-md/docs/1ea5e769bcf16b99.md", None, "text",
     "Theo đề nghị của Giám đốc Sở Y tế tại văn bản số 4521/TTr-SYT ngày 26/11/2025.",
     [{"doc_type": "Tờ trình", "number": "4521/TTr-SYT", "date": "2025-11-26", "issuer": None}]),
    ("5-proposal", "tvpl-2025-md/docs/2dd703fa6cbbc87b.md", None, "text",
     "Theo đề nghị của Sở Tài chính tại Tờ trình số 8195/TTr-STC ngày 31 tháng 10 năm 2025; Các Văn bản thẩm định và tham gia ý kiến của Sở Tư pháp: Số 294/BC-STP ngày 12 tháng 9 năm 2025, số 1890/STP-VB&TDTHPL ngày 24 tháng 10 năm 2025 và ý kiến thống nhất của thành viên Ủy ban nhân dân tỉnh;",
     [{"doc_type": "Tờ trình", "number": "8195/TTr-STC"},
      {"doc_type": "Báo cáo", "number": "294/BC-STP", "date": "2025-09-12"},
      {"doc_type": "Công văn", "number": "1890/STP-VB&TDTHPL", "date": "2025-10-24"}]),
    ("5-proposal", "tvpl-2025-md/docs/998822f1fee3e8d0.md", None, "text",
     "Xét đề nghị của Ngân hàng Chính sách xã hội tại Tờ trình số 127/TTr - HĐQT ngày 30 tháng 9 năm 2025 và văn bản số 9720/NHCS-KHNV ngày 31 tháng 10 năm 2025.",
     [{"doc_type": "Tờ trình", "number": "127/TTr-HĐQT", "date": "2025-09-30"},
      {"doc_type": "Công văn", "number": "9720/NHCS-KHNV", "date": "2025-10-31"}]),
    ("5-proposal", "tvpl-2025-md/docs/5884aa6f293e9bc0.md", None, "text",
     "Theo đề nghị của Giám đốc Sở Văn hóa, Thể thao và Du lịch tại Tờ trình số 2849 /TTr-SVHTTDL ngày 19 tháng 11 năm 2025.",
     [{"doc_type": "Tờ trình", "number": "2849/TTr-SVHTTDL", "date": "2025-11-19"}]),
    ("5-proposal", "tvpl-2025-md/docs/03741adae8c7c410.md", None, "text",
     "Xét Tờ trình số 408/TTr-UBND ngày 20 tháng 11 năm 2025 của Ủy ban nhân dân thành phố Hà Nội về việc ban hành Nghị quyết “Quy định nội dung, mức chi hỗ trợ lực lượng Công an cấp xã trên địa bàn thành phố Hà Nội Báo cáo thẩm tra số 113/BC-BPC ngày 22 tháng 11 năm 2025 của Ban Pháp chế Hội đồng nhân dân Thành phố; Báo cáo giải trình, tiếp thu số 466/BC-UBND ngày 24 tháng 11 năm 2025 của Ủy ban nhân dân Thành phố;",
     [{"doc_type": "Tờ trình", "number": "408/TTr-UBND", "issuer": "Ủy ban nhân dân thành phố Hà Nội"},
      {"doc_type": "Báo cáo", "number": "113/BC-BPC", "issuer": "Ban Pháp chế Hội đồng nhân dân Thành phố"},
      {"doc_type": "Báo cáo", "number": "466/BC-UBND", "issuer": "Ủy ban nhân dân Thành phố", "date": "2025-11-24"}]),
    # a draft law is not a citation
    ("5-proposal", "tvpl-2025-md/docs/7f4621fd812c6ff9.md", None, "text",
     "Theo đề nghị của Bộ trưởng Bộ Nội vụ tại văn bản số 11344/BNV-CCVC ngày 28 tháng 11 năm 2025 về dự án Luật Viên chức (sửa đổi);",
     [{"doc_type": "Công văn", "number": "11344/BNV-CCVC", "date": "2025-11-28"}]),
    # an amending verb at the start governs the first citation of its clause (issue #13, after the blind labels)
    ("3-chain", V + "doc_000031.html", 59, "text",
     "3. Bãi bỏ quy định tại Điều 2 Thông tư số 130/2016/TT-BTC ngày 12 tháng 8 năm 2016 của Bộ Tài chính hướng dẫn Nghị định số 100/2016/NĐ-CP ngày 01 tháng 7 năm 2016 của Chính phủ quy định chi tiết thi hành Luật sửa đổi, bổ sung một số điều của Luật Thuế giá trị gia tăng, Luật Thuế tiêu thụ đặc biệt và Luật Quản lý thuế và sửa đổi một số điều tại các Thông tư về thuế.",
     [{"kind": "amendment_target", "relation": "repeal", "target": "named", "number": "130/2016/TT-BTC",
       "pinpoints": ["dieu=2"]},
      {"kind": "reference", "number": "100/2016/NĐ-CP", "issuer": "Chính phủ"},
      {"kind": "reference", "doc_type": "Luật",
       "title": "Luật sửa đổi, bổ sung một số điều của Luật Thuế giá trị gia tăng, Luật Thuế tiêu thụ đặc biệt và Luật Quản lý thuế"}]),
    # "… của Luật này": this document, doc_type as written
    ("6-self-type", V + "doc_000015.html", 132, "text",
     "3. Ngân hàng Nhà nước Việt Nam có văn bản thông báo cho tổ chức bảo hiểm tiền gửi về việc trả tiền bảo hiểm theo quy định tại khoản 2 Điều 36 của Luật này.",
     [{"target": "self", "doc_type": "Luật", "pinpoints": ["khoan=2 dieu=36"]}]),
    # 6. smaller classes
    ("6-issuer", V + "doc_000135.html", 122, "text",
     "2. Các hồ sơ đề nghị cấp, sửa đổi, bổ sung, gia hạn và thu hồi Giấy đăng ký đã nộp trước ngày Nghị định này có hiệu lực thi hành tiếp tục được xem xét, giải quyết theo quy định của Nghị định số 06/2005/NĐ-CP của Chính phủ, Thông tư số 10/2005/TT-BNG và Thông tư số 03/2025/TT-BNG của Bộ trưởng Bộ Ngoại giao.",
     [{"number": "06/2005/NĐ-CP", "issuer": "Chính phủ"}, {"number": "10/2005/TT-BNG", "issuer": None},
      {"number": "03/2025/TT-BNG", "issuer": "Bộ trưởng Bộ Ngoại giao"}]),
    ("6-symbol-space", V + "doc_000498.html", 24, "text",
     "+ Bố trí ổn định dân cư trong tỉnh: Là bố trí ổn định dân cư trong phạm vi một xã hoặc bố trí ổn định dân cư từ địa bàn xã này sang địa bàn xã khác trong địa bàn một tỉnh (được sửa đổi tại khoản 1 Điều 7 Thông tư 13/2025/TT BNNMT ngày 19/6/2025).",
     [{"number": "13/2025/TT-BNNMT", "pinpoints": ["khoan=1 dieu=7"], "date": "2025-06-19", "target": "named"}]),
    ("6-lower-dieu", V + "doc_000427.html", 36, "text",
     "b) Tổ chức thực hiện việc tiếp nhận văn bản kê khai giá theo quy định tại khoản 5 điều 28 Luật Giá.",
     [{"pinpoints": ["khoan=5 dieu=28"], "doc_type": "Luật", "title": "Luật Giá"}]),
    # (evaluation half: the only Cyrillic điểm letter outside the blind set)
    ("6-cyrillic", V + "doc_000504.html", 170, "text",
     "b) Phá dỡ trái phép, làm hư hỏng công trình phụ trợ gắn liền với đường bộ, cấu kiện, phụ kiện của công trình đường bộ, trừ hành vi vi phạm tại khoản 4; điểm а, điểm c và điểm d khoản này;",
     [{"pinpoints": ["khoan=4"], "target": "self"},
      {"pinpoints": ["diem=a,c,d relative=khoan"], "target": "self"}]),
    ("6-annex", V + "doc_000006.html", 204, "text",
     "3. Quy cách và nội dung của chứng chỉ tư vấn quy định tại Mẫu số 01 Phụ lục ban hành kèm theo Nghị định này.",
     [{"pinpoints": ["phu_luc=*"], "target": "self"}]),
    ("6-annex", V + "doc_000035.html", 123, "text",
     "4. Văn kiện dự án, phi dự án phải được thẩm định để làm cơ sở phê duyệt, ký kết (nếu Bên cung cấp viện trợ đề nghị) và thực hiện. Văn kiện dự án, phi dự án được lập theo mẫu quy định tại Phụ lục I, II và III kèm theo Nghị định này.",
     [{"pinpoints": ["phu_luc=I", "phu_luc=II", "phu_luc=III"], "target": "self"}]),
    ("6-article-list", V + "doc_000012.html", 136, "text",
     "c) Chủ đầu tư tổ chức thẩm định (nếu có), phê duyệt hồ sơ mời quan tâm, hồ sơ mời sơ tuyển, hồ sơ mời thầu, hồ sơ yêu cầu theo quy định tại điểm b khoản 1 Điều 25, Điều 27, Điều 39, Điều 47, Điều 56 và Điều 135 Nghị định số 214/2025/NĐ-CP.",
     [{"number": "214/2025/NĐ-CP", "pinpoints": ["diem=b khoan=1 dieu=25", "dieu=27,39,47,56,135"]}]),
    ("6-quoted-nay", V + "doc_000004.html", 56, "text",
     "“2. Thuyết minh nhiệm vụ khoa học công nghệ và đổi mới sáng tạo về sinh vật biến đổi gen, sản phẩm của sinh vật biến đổi gen phải có nội dung an toàn sinh học. Trường hợp đề tài, dự án cần nhập khẩu sinh vật biến đổi gen để nghiên cứu khoa học, phát triển công nghệ thì trong thuyết minh đề tài, dự án phải cung cấp thông tin theo quy định tại Mẫu số 02 Phụ lục I ban hành kèm theo Nghị định này.”.",
     [{"pinpoints": ["phu_luc=I"], "target": "previous", "doc_type": "Nghị định"}]),
    # found by the second blind set (lines of tests/data/citations_blind2_input.jsonl; that set's
    # disagreements were read for these fixes, so its figures are no longer blind: see docs/citations.md)
    ("6-small", V + "doc_000007.html", 99, "text", "2. Quy định tại mục số 7 điểm a khoản 3 Điều 1 của Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.",
     [{"target": "self", "pinpoints": ["diem=a khoan=3 dieu=1 muc=7"]}]),
    ("6-small", V + "doc_000373.html", 63, "text", "a) Xuất hiện trong phần tài liệu tham khảo của bài viết, có định dạng trích dẫn theo chuẩn quốc tế quy định tại mục n khoản 1 điều 5 của Thông tư này, đầy đủ thông tin thư mục, thể hiện nguồn gốc của tài liệu được trích dẫn;",
     [{"target": "self", "pinpoints": ["khoan=1 dieu=5 muc=n"]}]),
    ("3-chain", V + "doc_000150.html", 10, "basis", "Căn cứ Luật Biển Việt Nam số 18/2012/QH13 (sửa đổi, bổ sung tại Luật Tổ chức chính quyền địa phương số 72/2025/QH15);",
     [{"number": "18/2012/QH13", "relation": "amended_by", "amended_by": ["72/2025/QH15"]}]),
]


def read(text: str, mode: str) -> list[dict]:
    pcs = parse_basis(text) if mode == "basis" else find_references(text)
    out = []
    for pc in pcs:
        m = pc.mention
        out.append({"kind": pc.kind, "target": pc.target, "relation": pc.relation,
                    "doc_type": m.doc_type if m else None, "number": m.number if m else None,
                    "date": m.date.iso if m and m.date else None, "date_raw": m.date.raw if m and m.date else None,
                    "issuer": m.issuer if m else None, "title": m.title if m else None,
                    "amended_by": [a.number or a.title for a in m.amended_by] if m else [],
                    "pinpoints": [pin_str(p) for p in pc.pins]})
    return out


@pytest.mark.parametrize("cls,source,line,mode,text,expected", CASES,
                         ids=[f"{c[0]}:{c[1].rsplit('/', 1)[-1]}:{c[2]}" for c in CASES])
def test_real_sentence(cls, source, line, mode, text, expected):
    got = read(text, mode)
    assert len(got) == len(expected), [(g["number"], g["title"], g["pinpoints"]) for g in got]
    for g, e in zip(got, expected):
        assert {k: g[k] for k in e} == e


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s).replace("*", "")).strip()


def test_sentences_are_real(corpus):
    vbpl = {}
    with gzip.open(corpus / "vbpl-central-2025" / "vbpl_central.jsonl.gz", "rt", encoding="utf-8") as fh:
        for raw in fh:
            r = json.loads(raw)
            vbpl[r["source_file"]] = r.get("text") or ""
    for cls, source, line, mode, text, _ in CASES:
        if source.startswith(V):
            paras = [x.strip() for x in unicodedata.normalize("NFC", vbpl[source[len(V):]]).split("\n")]
            assert paras[line] == text, (source, line)
        else:
            assert _squash(text) in _squash((corpus / source).read_text(encoding="utf-8")), source
