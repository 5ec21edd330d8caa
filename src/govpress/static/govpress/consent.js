/* govpress: analytics only after consent (docs/site.md, "Cookies and analytics").
   Loaded right after the cookie banner on every page of a site with an analytics_id. Nothing here talks to another
   site until the reader accepts analytics cookies, on the banner or on the cookies page; the choice is kept in one
   first-party cookie for a year. Without JavaScript none of this runs, and no analytics are ever loaded. */
(function () {
  "use strict";
  var script = document.currentScript;
  var analyticsId = script.getAttribute("data-analytics-id");
  var cookiePath = script.getAttribute("data-cookie-path") || "/";
  var cookieName = "govpress_cookies_policy";
  var banner = document.getElementById("govpress-cookie-banner");
  var loaded = false;

  function choice() {
    var found = document.cookie.split(";").map(function (part) { return part.trim(); })
      .filter(function (part) { return part.indexOf(cookieName + "=") === 0; })[0];
    var value = found ? found.slice(cookieName.length + 1) : "";
    return value === "accept" || value === "reject" ? value : "";
  }

  function remember(value) {
    var secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = cookieName + "=" + value + "; path=" + cookiePath + "; max-age=31536000; SameSite=Lax" + secure;
  }

  function forgetAnalytics() {
    var domain = location.hostname;
    var domains = ["", "; domain=" + domain, "; domain=." + domain.split(".").slice(-2).join(".")];
    document.cookie.split(";").forEach(function (part) {
      var name = part.split("=")[0].trim();
      if (name === "_ga" || name.indexOf("_ga_") === 0 || name === "_gid") {
        domains.forEach(function (where) {
          document.cookie = name + "=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT" + where;
        });
      }
    });
  }

  function loadAnalytics() {
    if (loaded || !analyticsId) return;
    loaded = true;
    window.dataLayer = window.dataLayer || [];
    window.gtag = function () { window.dataLayer.push(arguments); };
    window.gtag("js", new Date());
    window.gtag("config", analyticsId);
    var tag = document.createElement("script");
    tag.async = true;
    tag.src = "https://www.googletagmanager.com/gtag/js?id=" + encodeURIComponent(analyticsId);
    document.head.appendChild(tag);
  }

  function choose(value) {
    remember(value);
    if (value === "accept") loadAnalytics(); else forgetAnalytics();
  }

  function showBanner() {
    if (!banner) return;
    var question = document.getElementById("govpress-cookie-question");
    banner.querySelectorAll("[data-govpress-consent]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var value = button.getAttribute("data-govpress-consent");
        choose(value);
        question.hidden = true;
        var done = banner.querySelector('[data-govpress-consent-done="' + value + '"]');
        done.hidden = false;
        done.focus();
      });
    });
    banner.querySelectorAll("[data-govpress-consent-hide]").forEach(function (button) {
      button.addEventListener("click", function () { banner.hidden = true; });
    });
  }

  function cookiesPage() {
    var form = document.getElementById("govpress-cookies-form");
    if (!form) return;
    var note = document.getElementById("govpress-cookies-no-js");
    if (note) note.hidden = true;
    form.hidden = false;
    var current = choice() || "reject";
    form.querySelectorAll("input[name='cookies-analytics']").forEach(function (input) {
      input.checked = input.value === current;
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var picked = form.querySelector("input[name='cookies-analytics']:checked");
      choose(picked ? picked.value : "reject");
      if (banner) banner.hidden = true;
      var saved = document.getElementById("govpress-cookies-saved");
      saved.hidden = false;
      saved.focus();
    });
  }

  var made = choice();
  if (made) {
    if (banner) banner.hidden = true;
    if (made === "accept") loadAnalytics();
  } else {
    showBanner();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", cookiesPage);
  } else {
    cookiesPage();
  }
})();
