//! Real servers on 127.0.0.1 that record what the salon sent: a small SMTP
//! server and a small HTTP server standing in for an SMS gateway (which can
//! answer with errors first). In-process, so the tests need no TLS stack of
//! their own.

use mail_parser::{MessageParser, MimeHeaders};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One e-mail as it arrived: envelope recipients and the raw message.
#[derive(Debug, Clone, Default)]
pub struct Mail {
    pub to: Vec<String>,
    pub raw: Vec<u8>,
}

impl Mail {
    pub fn subject(&self) -> String {
        MessageParser::default().parse(&self.raw).and_then(|m| m.subject().map(str::to_string)).unwrap_or_default()
    }

    pub fn header(&self, name: &str) -> String {
        let text = String::from_utf8_lossy(&self.raw);
        let prefix = format!("{}:", name.to_lowercase());
        text.lines()
            .find(|l| l.to_lowercase().starts_with(&prefix))
            .map(|l| l[prefix.len()..].trim().to_string())
            .unwrap_or_default()
    }

    pub fn body(&self) -> String {
        MessageParser::default()
            .parse(&self.raw)
            .and_then(|m| m.body_text(0).map(|b| b.to_string()))
            .unwrap_or_default()
    }

    /// The invitation as calendar programs apply it: the `text/calendar`
    /// part (iMIP), decoded.
    pub fn calendar(&self) -> Option<String> {
        let message = MessageParser::default().parse(&self.raw)?;
        message
            .parts
            .iter()
            .find(|p| p.is_content_type("text", "calendar"))
            .map(|p| String::from_utf8_lossy(p.contents()).to_string())
    }

    /// The content types of the message's parts in order, with a calendar
    /// part's method: ["multipart/mixed", "multipart/alternative", …].
    pub fn structure(&self) -> Vec<String> {
        let Some(message) = MessageParser::default().parse(&self.raw) else { return Vec::new() };
        message
            .parts
            .iter()
            .filter_map(|p| p.content_type())
            .map(|c| {
                let kind = format!("{}/{}", c.ctype(), c.subtype().unwrap_or_default());
                match c.attribute("method") {
                    Some(method) => format!("{kind}; method={method}"),
                    None => kind,
                }
            })
            .collect()
    }

    /// The attached `.ics` file (for programs that only open attachments).
    pub fn ics_file(&self) -> Option<String> {
        let message = MessageParser::default().parse(&self.raw)?;
        message
            .attachments()
            .find(|a| a.attachment_name() == Some("invite.ics"))
            .map(|a| String::from_utf8_lossy(a.contents()).to_string())
    }
}

pub struct SmtpSink {
    pub port: u16,
    mails: Arc<Mutex<Vec<Mail>>>,
}

/// Speaks just enough SMTP (RFC 5321) for a client to deliver: greeting,
/// EHLO, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT.
/// `accept_after`: how long the server thinks before its "250" for a mail
/// it has already kept (a slow server does; the mail is delivered anyway).
fn serve_smtp(
    stream: std::net::TcpStream,
    mails: Arc<Mutex<Vec<Mail>>>,
    accept_after: Duration,
) -> std::io::Result<()> {
    let mut out = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    out.write_all(b"220 sink.test ESMTP\r\n")?;
    let mut mail = Mail::default();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO") {
            b"250 sink.test\r\n"
        } else if command.starts_with("MAIL FROM") {
            mail = Mail::default();
            b"250 ok\r\n"
        } else if command.starts_with("RCPT TO") {
            let to = line.trim_end()[8..].trim().trim_start_matches(':').trim().trim_matches(['<', '>']).to_string();
            mail.to.push(to);
            b"250 ok\r\n"
        } else if command == "DATA" {
            out.write_all(b"354 go ahead\r\n")?;
            loop {
                let mut data = String::new();
                if reader.read_line(&mut data)? == 0 {
                    return Ok(());
                }
                if data == ".\r\n" || data == ".\n" {
                    break;
                }
                let unstuffed = data.strip_prefix('.').unwrap_or(&data);
                mail.raw.extend_from_slice(unstuffed.as_bytes());
            }
            mails.lock().unwrap().push(std::mem::take(&mut mail));
            std::thread::sleep(accept_after);
            b"250 queued\r\n"
        } else if command == "QUIT" {
            out.write_all(b"221 bye\r\n")?;
            return Ok(());
        } else if command == "RSET" || command == "NOOP" {
            b"250 ok\r\n"
        } else {
            b"502 not implemented\r\n"
        };
        out.write_all(reply)?;
    }
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        Self::on(listener)
    }

    /// A server that keeps each mail at once but says so only `accept_after` later.
    pub fn slow(accept_after: Duration) -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        Self::serve(listener, accept_after)
    }

    /// Serves on a listener already bound (to bring a "down" server up).
    pub fn on(listener: TcpListener) -> SmtpSink {
        Self::serve(listener, Duration::ZERO)
    }

    fn serve(listener: TcpListener, accept_after: Duration) -> SmtpSink {
        let port = listener.local_addr().unwrap().port();
        let mails = Arc::new(Mutex::new(Vec::new()));
        let kept = mails.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mails = kept.clone();
                std::thread::spawn(move || serve_smtp(stream, mails, accept_after));
            }
        });
        SmtpSink { port, mails }
    }

    pub fn mails(&self) -> Vec<Mail> {
        self.mails.lock().unwrap().clone()
    }

    /// Waits (briefly) for the count to be reached: delivery ends before the
    /// listener's thread has stored the mail.
    pub fn wait_for(&self, count: usize) -> Vec<Mail> {
        let until = Instant::now() + Duration::from_secs(5);
        while self.mails().len() < count && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(10));
        }
        self.mails()
    }
}

/// One HTTP request as the gateway saw it.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub line: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// A form field, decoded.
    pub fn form(&self, name: &str) -> Option<String> {
        self.body.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (k == name).then(|| decode(v))
        })
    }
}

fn decode(v: &str) -> String {
    let bytes = v.replace('+', " ").into_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

pub struct HttpSink {
    pub port: u16,
    requests: Arc<Mutex<Vec<HttpRequest>>>,
}

impl HttpSink {
    /// Answers with `statuses` in turn, then 201 for ever.
    pub fn start(statuses: &[u16]) -> HttpSink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        let mut answers: VecDeque<u16> = statuses.iter().copied().collect();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let mut headers = Vec::new();
                loop {
                    let mut h = String::new();
                    reader.read_line(&mut h).unwrap();
                    let h = h.trim_end();
                    if h.is_empty() {
                        break;
                    }
                    if let Some((n, v)) = h.split_once(':') {
                        headers.push((n.trim().to_string(), v.trim().to_string()));
                    }
                }
                let length = headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                    .map_or(0, |(_, v)| v.parse().unwrap());
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                seen.lock().unwrap().push(HttpRequest {
                    line: line.trim_end().to_string(),
                    headers,
                    body: String::from_utf8_lossy(&body).to_string(),
                });
                let status = answers.pop_front().unwrap_or(201);
                // Refusing, it echoes the request, as some gateways do.
                let said = if status >= 400 { String::from_utf8_lossy(&body).to_string() } else { "{}".into() };
                let reply =
                    format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{said}", said.len());
                let _ = stream.write_all(reply.as_bytes());
            }
        });
        HttpSink { port, requests }
    }

    pub fn requests(&self) -> Vec<HttpRequest> {
        self.requests.lock().unwrap().clone()
    }
}
