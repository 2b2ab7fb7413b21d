"""The README's Python example runs as shipped (with a net defined first)."""

import os
import re
import subprocess
import sys

import pytest

from conftest import FAIRY, SOURCE_DIR


def readme_example():
    with open(os.path.join(SOURCE_DIR, "README.md")) as f:
        text = f.read()
    section = text[text.index("\n## Python\n"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


@pytest.mark.skipif(FAIRY is None, reason="the example plays Fairy-Stockfish")
def test_readme_python_example(tmp_path):
    prelude = (
        "import torch, sys\n"
        f"sys.path.insert(0, {os.path.join(SOURCE_DIR, 'examples', 'python')!r})\n"
        "from train_and_evaluate import PolicyNet\n"
        "torch.set_num_threads(1)\n"
        "net = PolicyNet().eval()\n"
    )
    script = tmp_path / "readme_example.py"
    script.write_text(prelude + readme_example())
    result = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("completed <Standing ckpt-1000"), result.stdout
