// Click-to-load YouTube players (govpress/video/player.py). Without JavaScript each player is a link to the video
// on youtube.com. With it, the link becomes a button; nothing is asked of YouTube until the reader presses it, and
// then the youtube-nocookie.com player the page names (data-govpress-embed: captions on, in the page's language)
// takes its place and gets the focus. Its title (data-frame-title) is in the page's language too.
const EMBED = "https://www.youtube-nocookie.com/embed/";

function play(frame, button) {
  const id = frame.dataset.govpressYoutube;
  const src = frame.dataset.govpressEmbed || "";
  if (!/^[A-Za-z0-9_-]{11}$/.test(id) || !src.startsWith(EMBED + id + "?")) return;
  const iframe = document.createElement("iframe");
  iframe.src = src;
  iframe.title = frame.dataset.frameTitle || "Video player (YouTube)";
  iframe.className = "govpress-video__iframe";
  iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
  iframe.allowFullscreen = true;
  iframe.referrerPolicy = "strict-origin-when-cross-origin";
  button.closest(".govpress-video__consent").replaceWith(iframe);
  iframe.focus();
}

for (const frame of document.querySelectorAll("[data-govpress-youtube]")) {
  const link = frame.querySelector("a.govpress-video__load");
  if (!link) continue;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "govuk-button govpress-video__load";
  button.textContent = link.textContent;
  button.addEventListener("click", () => play(frame, button));
  link.replaceWith(button);
}
