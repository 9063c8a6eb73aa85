"""`vbqppl-check serve`: the officers' web page (vbqppl_check/web): drop a draft, see each finding in place."""
from __future__ import annotations

import sys

from ..errors import ConfigError
from .common import config_from_args


def add_arguments(p) -> None:
    p.add_argument("--host", default="127.0.0.1",
                   help="địa chỉ lắng nghe (mặc định chỉ máy này: 127.0.0.1) / address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="cổng / port (8765)")
    p.add_argument("--lang", choices=("vi", "en"), default=None, help="ngôn ngữ giao diện / interface language")
    p.add_argument("--config", default=None, help="tệp cấu hình vbqppl-check.toml hoặc pyproject.toml")
    p.add_argument("--regime", default=None, help="ép chế độ thể thức / force a formatting regime")


def run(args) -> int:
    try:
        import uvicorn
    except ImportError:
        print("Cần cài uvicorn và starlette: pip install 'vbqppl-check' / uvicorn and starlette are required",
              file=sys.stderr)
        return 2
    try:
        config = config_from_args(args, start=".")   # a vbqppl-check.toml here applies, as for the CLI
    except ConfigError as exc:
        print(exc.message(args.lang or "vi"), file=sys.stderr)
        return 2
    from ..web.app import create_app
    app = create_app(config, lang=args.lang or config.lang or "vi")
    print(f"vbqppl-check: http://{args.host}:{args.port}/  (Ctrl-C để dừng / to stop)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
