//! Real servers on 127.0.0.1 that record what the salon sent: a small SMTP
//! server and a small HTTP server standing in for an SMS gateway (which can
//! answer with errors first). Both speak TLS when given a certificate from
//! the tests' own authority (`tls::TestCa`): STARTTLS or TLS from the first
//! byte, and SMTP login.

use mail_parser::{MessageParser, MimeHeaders};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A connection, plain or encrypted.
pub trait Wire: Read + Write + Send {}
impl<T: Read + Write + Send> Wire for T {}

type Conn = BufReader<Box<dyn Wire>>;

fn encrypt(plain: Box<dyn Wire>, config: &Arc<rustls::ServerConfig>) -> std::io::Result<Box<dyn Wire>> {
    let session = rustls::ServerConnection::new(config.clone()).map_err(std::io::Error::other)?;
    Ok(Box::new(rustls::StreamOwned::new(session, plain)))
}

/// One e-mail as it arrived: envelope recipients and the raw message, and
/// how it came: over an encrypted connection, after which login.
#[derive(Debug, Clone, Default)]
pub struct Mail {
    pub to: Vec<String>,
    pub raw: Vec<u8>,
    pub encrypted: bool,
    pub login: Option<String>,
}

/// How the SMTP sink behaves.
#[derive(Clone, Default)]
pub struct SmtpOptions {
    /// How long the server thinks before its "250" for a mail it has
    /// already kept (a slow server does; the mail is delivered anyway).
    pub accept_after: Duration,
    pub tls: Option<(TlsMode, Arc<rustls::ServerConfig>)>,
    /// The one user and password it accepts; mail only after login.
    pub login: Option<(String, String)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    StartTls,
    /// TLS from the first byte ("SMTPS", port 465).
    Implicit,
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

    /// The attached PDF: its file name and bytes.
    pub fn pdf_file(&self) -> Option<(String, Vec<u8>)> {
        let message = MessageParser::default().parse(&self.raw)?;
        message
            .attachments()
            .find(|a| a.is_content_type("application", "pdf"))
            .map(|a| (a.attachment_name().unwrap_or_default().to_string(), a.contents().to_vec()))
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
    connections: Arc<AtomicUsize>,
}

/// Speaks just enough SMTP (RFC 5321) for a client to deliver: greeting,
/// EHLO, STARTTLS (RFC 3207), AUTH PLAIN/LOGIN (RFC 4954), MAIL, RCPT, DATA
/// with dot-unstuffing, RSET, NOOP, QUIT.
fn serve_smtp(stream: std::net::TcpStream, mails: Arc<Mutex<Vec<Mail>>>, options: SmtpOptions) -> std::io::Result<()> {
    let mut wire: Box<dyn Wire> = Box::new(stream);
    let mut encrypted = false;
    if let Some((TlsMode::Implicit, config)) = &options.tls {
        wire = encrypt(wire, config)?;
        encrypted = true;
    }
    let mut conn: Conn = BufReader::new(wire);
    conn.get_mut().write_all(b"220 sink.test ESMTP\r\n")?;
    let mut mail = Mail::default();
    let mut login = None;
    let mut line = String::new();
    loop {
        line.clear();
        if conn.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        let reply: String = if command.starts_with("EHLO") || command.starts_with("HELO") {
            let mut offers = vec!["sink.test"];
            let starttls = matches!(options.tls, Some((TlsMode::StartTls, _)));
            if starttls && !encrypted {
                offers.push("STARTTLS");
            }
            if options.login.is_some() {
                offers.push("AUTH PLAIN LOGIN");
            }
            let last = offers.len() - 1;
            offers.iter().enumerate().map(|(i, o)| format!("250{}{o}\r\n", if i == last { ' ' } else { '-' })).collect()
        } else if command == "STARTTLS" {
            let Some((TlsMode::StartTls, config)) = &options.tls else { return Ok(()) };
            conn.get_mut().write_all(b"220 go ahead\r\n")?;
            conn = BufReader::new(encrypt(conn.into_inner(), config)?);
            encrypted = true;
            continue;
        } else if command.starts_with("AUTH") {
            let (user, password) = read_login(&mut conn, line.trim_end())?;
            if options.login.as_ref() == Some(&(user.clone(), password)) {
                login = Some(user);
                "235 2.7.0 welcome\r\n".into()
            } else {
                "535 5.7.8 bad user or password\r\n".into()
            }
        } else if command.starts_with("MAIL FROM") {
            if options.login.is_some() && login.is_none() {
                "530 5.7.0 log in first\r\n".into()
            } else {
                mail = Mail { encrypted, login: login.clone(), ..Mail::default() };
                "250 ok\r\n".into()
            }
        } else if command.starts_with("RCPT TO") {
            let to = line.trim_end()[8..].trim().trim_start_matches(':').trim().trim_matches(['<', '>']).to_string();
            mail.to.push(to);
            "250 ok\r\n".into()
        } else if command == "DATA" {
            conn.get_mut().write_all(b"354 go ahead\r\n")?;
            loop {
                let mut data = String::new();
                if conn.read_line(&mut data)? == 0 {
                    return Ok(());
                }
                if data == ".\r\n" || data == ".\n" {
                    break;
                }
                let unstuffed = data.strip_prefix('.').unwrap_or(&data);
                mail.raw.extend_from_slice(unstuffed.as_bytes());
            }
            mails.lock().unwrap().push(std::mem::take(&mut mail));
            std::thread::sleep(options.accept_after);
            "250 queued\r\n".into()
        } else if command == "QUIT" {
            conn.get_mut().write_all(b"221 bye\r\n")?;
            return Ok(());
        } else if command == "RSET" || command == "NOOP" {
            "250 ok\r\n".into()
        } else {
            "502 not implemented\r\n".into()
        };
        conn.get_mut().write_all(reply.as_bytes())?;
        conn.get_mut().flush()?;
    }
}

/// The user and password of "AUTH PLAIN <b64>" or of the LOGIN exchange.
fn read_login(conn: &mut Conn, command: &str) -> std::io::Result<(String, String)> {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut ask = |prompt: &str| -> std::io::Result<String> {
        conn.get_mut().write_all(format!("334 {prompt}\r\n").as_bytes())?;
        let mut answer = String::new();
        conn.read_line(&mut answer)?;
        Ok(answer.trim_end().to_string())
    };
    let decode = |text: &str| String::from_utf8_lossy(&b64.decode(text).unwrap_or_default()).to_string();
    let words: Vec<&str> = command.split_whitespace().collect();
    match words.get(1).map(|m| m.to_ascii_uppercase()).as_deref() {
        Some("PLAIN") => {
            let given = match words.get(2) {
                Some(initial) => initial.to_string(),
                None => ask("")?,
            };
            let plain = decode(&given);
            let mut parts = plain.split('\0').skip(1);
            Ok((parts.next().unwrap_or_default().into(), parts.next().unwrap_or_default().into()))
        }
        _ => {
            let user = decode(&ask(&b64.encode("Username:"))?);
            let password = decode(&ask(&b64.encode("Password:"))?);
            Ok((user, password))
        }
    }
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        Self::on(listener)
    }

    /// A server that keeps each mail at once but says so only `accept_after` later.
    pub fn slow(accept_after: Duration) -> SmtpSink {
        Self::with(SmtpOptions { accept_after, ..SmtpOptions::default() })
    }

    pub fn with(options: SmtpOptions) -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        Self::serve(listener, options)
    }

    /// Serves on a listener already bound (to bring a "down" server up).
    pub fn on(listener: TcpListener) -> SmtpSink {
        Self::serve(listener, SmtpOptions::default())
    }

    fn serve(listener: TcpListener, options: SmtpOptions) -> SmtpSink {
        let port = listener.local_addr().unwrap().port();
        let mails = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let (kept, counted) = (mails.clone(), connections.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                counted.fetch_add(1, Ordering::SeqCst);
                let (mails, options) = (kept.clone(), options.clone());
                std::thread::spawn(move || serve_smtp(stream, mails, options));
            }
        });
        SmtpSink { port, mails, connections }
    }

    /// How many connections clients opened.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
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
        Self::serve(statuses, None)
    }

    /// The same, over HTTPS.
    pub fn tls(statuses: &[u16], config: Arc<rustls::ServerConfig>) -> HttpSink {
        Self::serve(statuses, Some(config))
    }

    fn serve(statuses: &[u16], tls: Option<Arc<rustls::ServerConfig>>) -> HttpSink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        let mut answers: VecDeque<u16> = statuses.iter().copied().collect();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let mut wire: Box<dyn Wire> = Box::new(stream);
                if let Some(config) = &tls {
                    wire = encrypt(wire, config).unwrap();
                }
                let mut reader = BufReader::new(wire);
                let mut line = String::new();
                // A client that gave up on the handshake (a certificate it
                // does not trust) leaves nothing to read.
                if reader.read_line(&mut line).is_err() {
                    continue;
                }
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
                let _ = reader.get_mut().write_all(reply.as_bytes());
                let _ = reader.get_mut().flush();
            }
        });
        HttpSink { port, requests }
    }

    pub fn requests(&self) -> Vec<HttpRequest> {
        self.requests.lock().unwrap().clone()
    }
}
