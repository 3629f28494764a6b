"""The storage streams: an upload is copied in bounded chunks, never read whole."""

from __future__ import annotations

import hashlib
import io

from cop.resources.storage import CHUNK, get_storage


class CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.sizes: list[int] = []

    def read(self, size: int | None = -1) -> bytes:
        self.sizes.append(-1 if size is None else size)
        return super().read(size)


def test_an_upload_is_staged_in_bounded_chunks(app, upload_folder):
    data = b"x" * (3 * CHUNK + 5)
    stream = CountingStream(data)
    staged = get_storage().stage(stream)
    assert all(0 < size <= CHUNK for size in stream.sizes)
    assert staged.size == len(data)
    assert staged.sha256 == hashlib.sha256(data).hexdigest()
    assert staged.temp_path.read_bytes() == data
    staged.discard()
