#!/usr/bin/env python3
"""A loopback OpenAI-compatible Chat Completions server for the AI judge's tests (standard library only).

  openai_test_server.py [--port 0] [--delay-ms 0] [--fault NAME[:k=v...]]... [--flip-every N] [--watch-stdin]

It prints the port it listens on (127.0.0.1) as its first line on stdout. HTTP/1.1 with keep-alive; a thread
per connection. POST /v1/chat/completions answers in the paper's format ("Comparison: ...", "Preferred: A|B",
"Confidence score: N"), deterministically from the request: the candidate whose text shares more words
(3+ letters or digits, lower case) with the job wins; equal overlap goes to the text that sorts first, so
the two display orders of a pair agree unless a flip is scripted. The job and the candidates are read from
the default prompt's <job_description>, <candidate_a> and <candidate_b> tags.

Faults, for every request (--fault) or for requests whose messages contain the marker [[fault:NAME...]]:
  429[:times=N][:retry_after=S][:date=1]  429 with Retry-After S seconds (an HTTP date with date=1), N times (1)
  500[:times=N|always]                    500 the first N attempts of this request (1)
  slow[:seconds=S][:times=N|always]       answer after S seconds (3), N attempts (always)
  drop[:times=N]                          close the connection without answering, N attempts (1)
  malformed                               200 with JSON cut short
  no_preferred                            an answer without a Preferred line
  cut_off                                 finish_reason "length", the answer cut short
  think                                   a <think> block (with the opposite choice in it) before the answer
  reasoning_content                       the same reasoning in message.reasoning_content
  error_object                            200 with {"error": {...}}
  echo_auth                               401 whose error message repeats the Authorization header
  first                                   prefer the candidate shown first (a position-biased flip)
Attempts count per request body, so a retry of the same request sees the fault's next attempt.
--flip-every N makes every pair whose crc32 of its two sorted texts is divisible by N position-biased.
--delay-ms adds a delay to every answer. GET /stats returns the counts (requests, connections, Authorization
headers seen, tokens reported, faults injected, flipped pairs); POST /reset zeroes them. With --watch-stdin the
server exits when its stdin closes (its test ended, however).
"""
import argparse
import email.utils
import hashlib
import json
import re
import socket
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORD = re.compile(r"[a-z0-9]{3,}")
MARKER = re.compile(r"\[\[fault:([a-z0-9_]+)((?::[a-z_]+=[a-z0-9.]+)*)\]\]")
TAGS = {name: re.compile(r"<%s>\n?(.*?)\n?</%s>" % (name, name), re.S)
        for name in ("job_description", "candidate_a", "candidate_b")}


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.requests = 0
        self.connections = 0
        self.authorization = []
        self.tokens = {"prompt": 0, "completion": 0, "total": 0}
        self.faults = {}
        self.attempts = {}
        self.flipped = set()
        self.answers = 0


def parse_fault(text):
    name, _, rest = text.partition(":")
    args = dict(part.split("=", 1) for part in rest.split(":") if "=" in part)
    return name, args


def times_left(args, attempt, default):
    times = args.get("times", default)
    return times == "always" or attempt <= int(times)


def words(text):
    return set(WORD.findall(text.lower()))


def count_words(text):
    return len(text.split())


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "openai-test-server/1"

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.server.state.lock:
            self.server.state.connections += 1

    def log_message(self, *args):
        pass

    def send(self, status, body, headers=()):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        head = ["HTTP/1.1 %d %s" % (status, self.responses.get(status, ("",))[0]),
                "Content-Type: application/json", "Content-Length: %d" % len(data)]
        head += ["%s: %s" % h for h in headers]
        self.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode() + data)  # one write: no Nagle stall

    def do_GET(self):
        if self.path != "/stats":
            return self.send(404, {"error": {"message": "no such route"}})
        s = self.server.state
        with s.lock:
            stats = {"requests": s.requests, "connections": s.connections, "authorization": s.authorization,
                     "tokens": s.tokens, "faults": s.faults, "answers": s.answers,
                     "flipped_pairs": sorted(s.flipped)}
        self.send(200, stats)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if self.path == "/reset":
            with self.server.state.lock:
                self.server.state.reset()
            return self.send(200, {"ok": True})
        if not self.path.endswith("/chat/completions"):
            return self.send(404, {"error": {"message": "no such route: " + self.path}})
        s = self.server.state
        key = hashlib.sha256(raw).hexdigest()
        with s.lock:
            s.requests += 1
            s.authorization.append(self.headers.get("Authorization"))
            s.attempts[key] = s.attempts.get(key, 0) + 1
            attempt = s.attempts[key]
        try:
            request = json.loads(raw)
            messages = request["messages"]
            text = "\n".join(m["content"] for m in messages)
        except (ValueError, KeyError, TypeError):
            return self.send(400, {"error": {"message": "the request is not a chat completion request"}})
        faults = [parse_fault(f) for f in self.server.faults]
        faults += [(m.group(1), dict(p.split("=", 1) for p in m.group(2).split(":") if p)) for m in MARKER.finditer(text)]
        names = {name: args for name, args in faults}

        def injected(name):
            with s.lock:
                s.faults[name] = s.faults.get(name, 0) + 1

        if "429" in names and times_left(names["429"], attempt, "1"):
            injected("429")
            seconds = names["429"].get("retry_after", "1")
            value = email.utils.formatdate(time.time() + float(seconds), usegmt=True) if names["429"].get("date") else seconds
            return self.send(429, {"error": {"message": "rate limited", "type": "rate_limit"}}, [("Retry-After", value)])
        if "500" in names and times_left(names["500"], attempt, "1"):
            injected("500")
            return self.send(500, {"error": {"message": "internal error"}})
        if "drop" in names and times_left(names["drop"], attempt, "1"):
            injected("drop")
            self.close_connection = True
            return
        if "echo_auth" in names:
            injected("echo_auth")
            return self.send(401, {"error": {"message": "invalid key: %s" % self.headers.get("Authorization")}})
        if "error_object" in names:
            injected("error_object")
            return self.send(200, {"error": {"message": "the model is overloaded", "type": "server_error"}})
        if "slow" in names and times_left(names["slow"], attempt, "always"):
            injected("slow")
            time.sleep(float(names["slow"].get("seconds", "3")))
        if self.server.delay > 0:
            time.sleep(self.server.delay)
        if "malformed" in names:
            injected("malformed")
            return self.send(200, b'{"id": "chatcmpl-x", "choices": [{"message": {"content": "Compar')

        def section(name):
            m = TAGS[name].search(text)
            return m.group(1) if m else ""

        job, a, b = section("job_description"), section("candidate_a"), section("candidate_b")
        job_words = words(job)
        overlap_a, overlap_b = len(words(a) & job_words), len(words(b) & job_words)
        if overlap_a != overlap_b:
            winner = "A" if overlap_a > overlap_b else "B"
        else:
            winner = "A" if a <= b else "B"
        pair = "%08x" % zlib.crc32((min(a, b) + "\x00" + max(a, b)).encode())
        if "first" in names or (self.server.flip_every and int(pair, 16) % self.server.flip_every == 0):
            injected("first")
            winner = "A"
            with s.lock:
                s.flipped.add(pair)
        loser = "B" if winner == "A" else "A"
        confidence = min(100, 50 + 5 * abs(overlap_a - overlap_b))
        comparison = ("Candidate A shares %d of the job's terms and Candidate B %d; Candidate %s's research is "
                      "closer to the job's topic." % (overlap_a, overlap_b, winner))
        content = "Comparison: %s\n\nPreferred: %s\nConfidence score: %d" % (comparison, winner, confidence)
        finish = "stop"
        message = {"role": "assistant", "content": content}
        if "no_preferred" in names:
            injected("no_preferred")
            content = "Comparison: %s\n\nConfidence score: %d" % (comparison, confidence)
            message["content"] = content
        if "cut_off" in names:
            injected("cut_off")
            content = content[:40]
            message["content"] = content
            finish = "length"
        reasoning = "Let me weigh both. Perhaps %s fits better.\nPreferred: %s" % (loser, loser)
        if "think" in names:
            injected("think")
            content = "<think>\n%s\n</think>\n%s" % (reasoning, content)
            message["content"] = content
        if "reasoning_content" in names:
            injected("reasoning_content")
            message["reasoning_content"] = reasoning
        prompt_tokens = sum(count_words(m["content"]) for m in messages)
        completion_tokens = count_words(content)
        with s.lock:
            s.answers += 1
            s.tokens["prompt"] += prompt_tokens
            s.tokens["completion"] += completion_tokens
            s.tokens["total"] += prompt_tokens + completion_tokens
        self.send(200, {"id": "chatcmpl-test-%d" % attempt, "object": "chat.completion", "created": 1737536997,
                        "model": request.get("model", ""),
                        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                                  "total_tokens": prompt_tokens + completion_tokens}})


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        pass  # a client that timed out and left: nothing to report


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--delay-ms", type=float, default=0)
    parser.add_argument("--fault", action="append", default=[])
    parser.add_argument("--flip-every", type=int, default=0)
    parser.add_argument("--watch-stdin", action="store_true")
    args = parser.parse_args()
    server = Server(("127.0.0.1", args.port), Handler)
    server.state = State()
    server.faults = args.fault
    server.delay = args.delay_ms / 1000.0
    server.flip_every = args.flip_every
    print(server.server_address[1], flush=True)
    if args.watch_stdin:
        def watch():
            sys.stdin.read()
            server.shutdown()
        threading.Thread(target=watch, daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    server.server_close()


if __name__ == "__main__":
    main()
