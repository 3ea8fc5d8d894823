//! Real servers on 127.0.0.1 that record what the salon sent: an SMTP
//! listener (mailin-embedded) and a small HTTP server standing in for an SMS
//! gateway, which can answer with errors first.

use mail_parser::{MessageParser, MimeHeaders};
use mailin_embedded::{Handler, Response, Server, response};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, TcpListener};
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

    /// The `.ics` attachment, decoded.
    pub fn calendar(&self) -> Option<String> {
        let message = MessageParser::default().parse(&self.raw)?;
        message
            .attachments()
            .find(|a| a.is_content_type("text", "calendar"))
            .map(|a| String::from_utf8_lossy(a.contents()).to_string())
    }
}

#[derive(Clone, Default)]
struct Collector {
    mails: Arc<Mutex<Vec<Mail>>>,
    current: Arc<Mutex<Mail>>,
}

impl Handler for Collector {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        *self.current.lock().unwrap() = Mail { to: to.to_vec(), raw: Vec::new() };
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.current.lock().unwrap().raw.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let mail = self.current.lock().unwrap().clone();
        self.mails.lock().unwrap().push(mail);
        response::OK
    }

    fn helo(&mut self, _ip: IpAddr, _domain: &str) -> Response {
        response::OK
    }
}

pub struct SmtpSink {
    pub port: u16,
    mails: Arc<Mutex<Vec<Mail>>>,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        Self::on(listener)
    }

    /// Serves on a listener already bound (to bring a "down" server up).
    pub fn on(listener: TcpListener) -> SmtpSink {
        let port = listener.local_addr().unwrap().port();
        let collector = Collector::default();
        let mails = collector.mails.clone();
        let mut server = Server::new(collector);
        server.with_name("sink.test").with_num_threads(2).with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
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
                let reply = format!("HTTP/1.1 {status} X\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}");
                let _ = stream.write_all(reply.as_bytes());
            }
        });
        HttpSink { port, requests }
    }

    pub fn requests(&self) -> Vec<HttpRequest> {
        self.requests.lock().unwrap().clone()
    }
}
