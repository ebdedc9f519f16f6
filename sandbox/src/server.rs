//! The accept loop: plain TCP or TLS, HTTP/1.1 or HTTP/2, with graceful shutdown. Written on
//! hyper-util rather than `axum::serve` so TLS handshakes run per connection (a stalled client
//! cannot block others) and so a request can cut its own connection (fault injection).

use std::convert::Infallible;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::Request;
use axum::response::Response;
use axum::routing::future::RouteFuture;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::{GracefulShutdown, Watcher};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_util::sync::CancellationToken;

/// Time allowed for a TLS handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// Time open connections get to finish their requests at shutdown.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(5);

/// Handed to every request (as an extension): lets it cut its own connection.
#[derive(Clone, Default)]
pub(crate) struct ConnectionControl {
    cut: CancellationToken,
}

impl ConnectionControl {
    /// Drops the connection with a TCP reset and no response. Never resolves: the request is
    /// dropped together with its connection.
    pub async fn reset(&self) -> Response {
        self.cut.cancel();
        std::future::pending().await
    }
}

/// Serves `app` on `listener` until `shutdown` is cancelled, then drains open connections.
pub(crate) async fn run(
    listener: TcpListener,
    tls: Option<TlsAcceptor>,
    app: Router,
    shutdown: CancellationToken,
) {
    let graceful = GracefulShutdown::new();
    let builder = auto::Builder::new(TokioExecutor::new());
    loop {
        let tcp = tokio::select! {
            _ = shutdown.cancelled() => break,
            accepted = listener.accept() => match accepted {
                Ok((tcp, _)) => tcp,
                Err(e) => {
                    // Typically EMFILE: back off instead of spinning.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = tcp.set_nodelay(true);
        let control = ConnectionControl::default();
        let stream = ConnStream { tcp, cut: control.cut.clone() };
        let connection = Connection {
            service: WithControl { app: app.clone(), control },
            builder: builder.clone(),
            watcher: graceful.watcher(),
        };
        let tls = tls.clone();
        tokio::spawn(async move {
            match tls {
                None => connection.serve(stream).await,
                Some(acceptor) => {
                    match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                        Ok(Ok(stream)) => connection.serve(stream).await,
                        Ok(Err(e)) => tracing::debug!(error = %e, "TLS handshake failed"),
                        Err(_) => tracing::debug!("TLS handshake timed out"),
                    }
                }
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown()).await.is_err() {
        tracing::debug!("connections still open after the drain timeout");
    }
}

/// One accepted connection, ready to speak HTTP.
struct Connection {
    service: WithControl,
    builder: auto::Builder<TokioExecutor>,
    watcher: Watcher,
}

impl Connection {
    async fn serve<I: AsyncRead + AsyncWrite + Unpin + Send + 'static>(self, io: I) {
        let cut = self.service.control.cut.clone();
        let http = self.builder.serve_connection(TokioIo::new(io), self.service).into_owned();
        tokio::select! {
            result = self.watcher.watch(http) => {
                if let Err(e) = result {
                    tracing::debug!(error = %e, "connection ended with an error");
                }
            }
            // Dropping the connection closes the socket; ConnStream makes that a reset.
            _ = cut.cancelled() => {}
        }
    }
}

/// The router with the connection's control added to each request.
#[derive(Clone)]
struct WithControl {
    app: Router,
    control: ConnectionControl,
}

impl hyper::service::Service<Request<Incoming>> for WithControl {
    type Response = Response;
    type Error = Infallible;
    type Future = RouteFuture<Infallible>;

    fn call(&self, mut request: Request<Incoming>) -> Self::Future {
        request.extensions_mut().insert(self.control.clone());
        // A Router is always ready, so calling a clone without poll_ready is fine.
        tower::Service::call(&mut self.app.clone(), request)
    }
}

/// A TCP stream that closes with a reset (RST) rather than a FIN once its connection was cut.
struct ConnStream {
    tcp: TcpStream,
    cut: CancellationToken,
}

impl Drop for ConnStream {
    fn drop(&mut self) {
        if self.cut.is_cancelled() {
            let _ = self.tcp.set_zero_linger();
        }
    }
}

impl AsyncRead for ConnStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_read(cx, buf)
    }
}

impl AsyncWrite for ConnStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().tcp).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().tcp).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.tcp.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_shutdown(cx)
    }
}
