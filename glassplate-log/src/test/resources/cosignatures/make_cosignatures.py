#!/usr/bin/env python3
"""Makes the golden cosignature files (c2sp.org/tlog-cosignature, Ed25519 cosignature/v1).

Written from the spec text alone, independently of the Java code it tests (it uses only
Python's `cryptography` package for Ed25519), so that CosignatureSamplesTest checks the Java
implementation against a second reading of the spec. Ed25519 (RFC 8032) is deterministic: the
same seed, time and checkpoint always give the same bytes. Run from this directory:

    python3 make_cosignatures.py
"""
import base64
import hashlib
import os
import struct

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

NAME = "witness.glassplate.test/w1"
CHECKPOINT = ("glassplate.test/glassplate/agency-1\n"
              "8\n"
              "XcnaeacGWamtVZy3Ad7Zoqudgjqtl0lgz+Nw7/RgQyg=\n")  # RFC 6962 test vector root of size 8
OTHER_CHECKPOINT = ("glassplate.test/glassplate/agency-1\n"
                    "9\n"
                    "XcnaeacGWamtVZy3Ad7Zoqudgjqtl0lgz+Nw7/RgQyg=\n")


def seed(label):
    return hashlib.sha256(label.encode()).digest()


def key(label):
    sk = Ed25519PrivateKey.from_private_bytes(seed(label))
    pk = sk.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return sk, pk


def key_id(name, alg, pk):
    return hashlib.sha256(name.encode() + b"\n" + bytes([alg]) + pk).digest()[:4]


def message(time_line, body):
    return ("cosignature/v1\n" + time_line + body).encode()


def line(name, kid, timestamp, sig):
    blob = kid + struct.pack(">Q", timestamp) + sig
    return "\u2014 " + name + " " + base64.b64encode(blob).decode() + "\n"


def main():
    w_sk, w_pk = key("glassplate golden witness key")
    o_sk, o_pk = key("some other witness key")
    w_id = key_id(NAME, 0x04, w_pk)
    o_id = key_id(NAME, 0x04, o_pk)
    t = 1700000000

    def cosig(sk, kid, ts, time_line=None, body=CHECKPOINT, name=NAME):
        tl = "time %d\n" % ts if time_line is None else time_line
        return line(name, kid, ts, sk.sign(message(tl, body)))

    files = {
        "witness.vkey": NAME + "+" + w_id.hex() + "+" + base64.b64encode(b"\x04" + w_pk).decode() + "\n",
        "checkpoint.txt": CHECKPOINT,
        # valid/time_<T>.cosig: verifies, with timestamp T
        "valid/time_1700000000.cosig": cosig(w_sk, w_id, t),
        "valid/time_0.cosig": cosig(w_sk, w_id, 0),
        "valid/time_9223372036854775807.cosig": cosig(w_sk, w_id, 2**63 - 1),
        # wrong key: another key's cosignature under the same name (its own key ID) ...
        "error_wrong_key/other_key.cosig": cosig(o_sk, o_id, t),
        # ... the witness's own signature, but the key ID computed for a type 0x01 (note) key
        "error_wrong_key/ed25519_note_key_id.cosig": cosig(w_sk, key_id(NAME, 0x01, w_pk), t),
        # ... the witness's own signature under another name
        "error_wrong_key/other_name.cosig": cosig(w_sk, key_id("witness.glassplate.test/w2", 0x04, w_pk), t,
                                                   name="witness.glassplate.test/w2"),
        # bad signature: another key's signature claiming the witness's key ID
        "error_bad_signature/other_key_same_key_id.cosig": cosig(o_sk, w_id, t),
        # wrong time line: the blob says t, the signed message says otherwise
        "error_bad_signature/time_line_other_time.cosig": cosig(w_sk, w_id, t, time_line="time %d\n" % (t + 1)),
        "error_bad_signature/time_line_leading_zero.cosig": cosig(w_sk, w_id, t, time_line="time 0%d\n" % t),
        "error_bad_signature/time_line_missing.cosig": cosig(w_sk, w_id, t, time_line=""),
        "error_bad_signature/time_line_without_space.cosig": cosig(w_sk, w_id, t, time_line="time%d\n" % t),
        # wrong body: a cosignature of another checkpoint (size 9)
        "error_bad_signature/other_checkpoint.cosig": cosig(w_sk, w_id, t, body=OTHER_CHECKPOINT),
        # a plain signed-note signature of the checkpoint (no cosignature/v1 header, no time)
        "error_bad_signature/plain_note_signature.cosig":
            line(NAME, w_id, t, w_sk.sign(CHECKPOINT.encode())),
        # timestamp above 2^63 - 1
        "error_timestamp_too_large/time_9223372036854775808.cosig": cosig(w_sk, w_id, 2**63),
        # malformed: a 63-byte signature; not base64; no em dash
        "error_malformed/short_signature.cosig":
            "\u2014 " + NAME + " " + base64.b64encode(w_id + struct.pack(">Q", t) + bytes(63)).decode() + "\n",
        "error_malformed/not_base64.cosig": "\u2014 " + NAME + " not*base64\n",
        "error_malformed/hyphen_not_em_dash.cosig": "- " + cosig(w_sk, w_id, t)[2:],
    }
    for path, text in files.items():
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


if __name__ == "__main__":
    main()
