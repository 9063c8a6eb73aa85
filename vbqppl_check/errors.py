"""Typed errors. Every error carries a stable code and a message in Vietnamese and English.

Readers raise these for bad input; the batch layer turns them into per-file error records.
"""
from __future__ import annotations


class VbqpplError(Exception):
    """Base class. `code` is stable and public (it appears in the JSON output)."""

    code = "error"
    message_vi = "Lỗi không xác định."
    message_en = "Unknown error."

    def __init__(self, detail: str = "", *, path: str | None = None, vi: str | None = None, en: str | None = None):
        self.detail = detail
        self.path = path
        self._vi = vi
        self._en = en
        super().__init__(self.message("en"))

    def message(self, lang: str = "vi") -> str:
        base = (self._vi or self.message_vi) if lang == "vi" else (self._en or self.message_en)
        parts = [base]
        if self.detail:
            parts.append(f"({self.detail})")
        return " ".join(parts)

    def to_json(self, lang: str = "vi") -> dict:
        return {"code": self.code, "message": self.message(lang)}


class InputError(VbqpplError):
    """The file cannot be read as a document."""

    code = "input_error"
    message_vi = "Không đọc được tệp."
    message_en = "The file cannot be read."


class FileAccessError(InputError):
    code = "file_access"
    message_vi = "Không mở được tệp (không tồn tại, không có quyền đọc hoặc là thư mục)."
    message_en = "The file cannot be opened (missing, not readable, or a directory)."


class EmptyFileError(InputError):
    code = "empty_file"
    message_vi = "Tệp rỗng."
    message_en = "The file is empty."


class UnsupportedFormatError(InputError):
    code = "unsupported_format"
    message_vi = "Định dạng tệp không được hỗ trợ (chỉ hỗ trợ DOCX, PDF, DOC, TXT, MD, HTML)."
    message_en = "Unsupported file format (DOCX, PDF, DOC, TXT, MD and HTML are supported)."


class CorruptFileError(InputError):
    code = "corrupt_file"
    message_vi = "Tệp bị hỏng hoặc không đúng định dạng."
    message_en = "The file is corrupt or not in the format it claims."


class EncryptedFileError(InputError):
    code = "encrypted_file"
    message_vi = "Tệp được mã hóa hoặc đặt mật khẩu; hãy gỡ mật khẩu rồi kiểm tra lại."
    message_en = "The file is encrypted or password-protected; remove the password and check again."


class FileTooLargeError(InputError):
    code = "file_too_large"
    message_vi = "Tệp vượt quá giới hạn kích thước cho phép."
    message_en = "The file exceeds the configured size limit."


class ZipBombError(InputError):
    code = "zip_bomb"
    message_vi = "Tệp nén có dung lượng giải nén bất thường (nghi là zip bomb); đã dừng đọc."
    message_en = "The compressed file expands to an abnormal size (suspected zip bomb); reading stopped."


class UnsafeXmlError(InputError):
    code = "unsafe_xml"
    message_vi = "Tệp chứa khai báo thực thể XML (DOCTYPE/ENTITY) không an toàn; đã từ chối đọc."
    message_en = "The file contains unsafe XML entity declarations (DOCTYPE/ENTITY); refused."


class LegacyDocError(InputError):
    code = "legacy_doc"
    message_vi = ("Tệp .doc (Word 97-2003) cần LibreOffice để chuyển đổi. Hãy cài LibreOffice "
                  "(lệnh soffice) hoặc mở tệp trong Word và lưu lại dưới dạng .docx.")
    message_en = ("A .doc (Word 97-2003) file needs LibreOffice to convert it. Install LibreOffice "
                  "(the soffice command) or open the file in Word and save it as .docx.")


class NoTextError(InputError):
    code = "no_text"
    message_vi = ("Tệp PDF chỉ có ảnh quét, không có lớp văn bản, và chưa cài OCR "
                  "(tesseract-ocr với gói tiếng Việt tesseract-ocr-vie).")
    message_en = ("The PDF holds only scanned images, no text layer, and OCR is not installed "
                  "(tesseract-ocr with the Vietnamese model tesseract-ocr-vie).")


class TimeoutError_(InputError):
    code = "timeout"
    message_vi = "Quá thời gian xử lý cho phép đối với một tệp."
    message_en = "Processing the file took longer than the per-file time limit."


class ResourceLimitError(InputError):
    code = "resource_limit"
    message_vi = "Tệp vượt quá giới hạn tài nguyên (bộ nhớ, số trang hoặc số đoạn)."
    message_en = "The file exceeds a resource limit (memory, pages or paragraphs)."


class ConfigError(VbqpplError):
    code = "config_error"
    message_vi = "Cấu hình không hợp lệ."
    message_en = "Invalid configuration."


class RuleCatalogueError(VbqpplError):
    code = "rule_catalogue"
    message_vi = "Danh mục quy tắc không hợp lệ."
    message_en = "The rule catalogue is invalid."


class RegistryError(VbqpplError):
    code = "registry_error"
    message_vi = "Lỗi cơ sở dữ liệu văn bản."
    message_en = "Legal document registry error."


class InternalCheckError(VbqpplError):
    code = "internal_error"
    message_vi = "Lỗi nội bộ của công cụ khi kiểm tra tệp này."
    message_en = "Internal error of the checker on this file."
