/*
 * Station screens: rotate the thanks, poll the feed, never go blank.
 *
 * The page arrives with the current messages; this script then asks the feed every 15-30 s
 * (with If-None-Match, so the usual answer is an empty 304), backs off while the server or network
 * is gone, keeps the last good messages in localStorage and goes on showing them with a discreet
 * "Last updated HH:MM" note. After 24 hours without contact it shows a calm holding card.
 * An answer of the wrong shape (a captive portal's page, `{}`, messages without text) counts as no
 * answer: the last good messages stay shown and stored. When the feed's answers name another
 * release than the page was loaded with (a new deploy), the page stores its wall and reloads.
 *
 * Today's events (rendered with the page, refreshed with it every half hour) are shown a page at a
 * time: as many whole events as the panel holds, the next page every few seconds, with "1 of 3".
 *
 * Every message is written with textContent: nothing from the feed is ever parsed as HTML.
 * Plain ES2017, no dependencies, no build step: kiosk browsers are old.
 */
(function () {
  "use strict";

  var root = document.getElementById("screen");
  if (!root || !window.fetch) {
    return;
  }

  var ROTATE_MS = 12000;
  var FADE_MS = 800;
  var STALE_AFTER_MS = 24 * 60 * 60 * 1000;
  var FETCH_TIMEOUT_MS = 10000;
  var REFRESH_PAGE_PARTS_MS = 30 * 60 * 1000;
  var EVENTS_PAGE_MS = 8000;
  var EVENTS_FADE_MS = 400; // matches $events-fade in frontend/scss/screen.scss
  var MAX_MESSAGES = 30;
  var OFFLINE_CACHE = "rpw-screens-v1"; // the same name as in the service worker
  var RELEASE_HEADER = "X-Release"; // recognition.api.answers.RELEASE_HEADER
  // At most one reload per release in this time: a rolling deploy's old nodes must not loop it.
  var RELOAD_AGAIN_AFTER_MS = 10 * 60 * 1000;

  var data = root.dataset;
  var config = {
    feedUrl: data.feedUrl,
    pollMin: positiveNumber(data.pollMin, 15) * 1000,
    pollMax: positiveNumber(data.pollMax, 30) * 1000,
    backoffMax: positiveNumber(data.backoffMax, 300) * 1000,
    storageKey: data.storageKey,
    release: data.release || "",
    serviceWorker: data.serviceWorker,
    renderedAt: positiveNumber(data.renderedAt, Date.now()),
    timeZone: data.timeZone || undefined,
    // British English: "Monday 3 March", not "Monday, March 3".
    locale: (document.documentElement.lang || "en") === "en" ? "en-GB" : document.documentElement.lang,
    station: data.station || "",
    text: {
      to: data.textTo || "{recipient}",
      anonymous: data.textAnonymous || "",
      empty: data.textEmpty || "",
      stale: data.textStale || "",
      paused: data.textPaused || "",
      lastUpdated: data.textLastUpdated || "{time}",
      eventsPage: data.textEventsPage || "{page} / {pages}",
    },
  };

  var stage = root.querySelector("[data-stage]");
  var statusNote = root.querySelector("[data-status]");
  var clock = root.querySelector("[data-clock]");
  var dateLine = root.querySelector("[data-date]");
  var reducedMotion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;

  var state = {
    messages: [],
    paused: null, // the holding message while the wall is paused, otherwise null
    etag: null,
    savedAt: 0, // when the messages were received, by the server's clock
    contactAt: 0, // when the server last answered (200 or 304), by this screen's clock
    failures: 0,
    index: 0,
    jumpToIndex: false, // show state.index next, rather than stay on the message shown
    shown: null, // the key of what the stage shows now
  };

  function positiveNumber(value, fallback) {
    var number = Number(value);
    return isFinite(number) && number > 0 ? number : fallback;
  }

  function fill(template, key, value) {
    // A function replacement, so "$&" and friends in a message stay literal text.
    return template.replace("{" + key + "}", function () {
      return value;
    });
  }

  function now() {
    return Date.now();
  }

  /* ---- what the page was rendered with, and what was stored ---- */

  function readRenderedState() {
    var holding = stage.querySelector("[data-holding] .screen-card__body");
    var items = stage.querySelectorAll("[data-messages] > li");
    var messages = [];
    for (var i = 0; i < items.length; i += 1) {
      var item = items[i];
      var body = item.querySelector("[data-body]");
      messages.push({
        id: Number(item.dataset.id),
        message: body ? body.textContent : "",
        recipient: item.dataset.recipient || "",
        from_name: item.dataset.fromName || "",
        station: item.dataset.stationName ? { name: item.dataset.stationName } : null,
        published_at: item.dataset.publishedAt || "",
      });
    }
    return {
      messages: messages,
      paused: data.paused === "true" ? (holding ? holding.textContent : config.text.paused) : null,
      etag: null,
      savedAt: config.renderedAt,
      contactAt: now(),
    };
  }

  function loadStored() {
    try {
      var stored = JSON.parse(window.localStorage.getItem(config.storageKey) || "null");
      if (stored && Array.isArray(stored.messages) && typeof stored.savedAt === "number") {
        return stored;
      }
    } catch (error) {
      // Storage disabled or the value corrupt: start from the page alone.
    }
    return null;
  }

  function store() {
    try {
      window.localStorage.setItem(
        config.storageKey,
        JSON.stringify({
          etag: state.etag,
          messages: state.messages,
          paused: state.paused,
          savedAt: state.savedAt,
          contactAt: state.contactAt,
        }),
      );
    } catch (error) {
      // Full or disabled storage only costs the offline copy.
    }
  }

  function adopt(snapshot) {
    state.messages = snapshot.messages.slice(0, MAX_MESSAGES);
    state.paused = typeof snapshot.paused === "string" ? snapshot.paused : null;
    state.etag = snapshot.etag || null;
    state.savedAt = snapshot.savedAt;
    state.contactAt = snapshot.contactAt || snapshot.savedAt;
  }

  /* ---- the feed ---- */

  function validMessage(item) {
    return (
      item !== null &&
      typeof item === "object" &&
      typeof item.id === "number" &&
      typeof item.message === "string" &&
      typeof item.recipient === "string"
    );
  }

  function validPaused(paused) {
    return (
      paused === null ||
      paused === undefined ||
      typeof paused === "string" ||
      (typeof paused === "object" && typeof paused.message === "string")
    );
  }

  // The feed's contract (README, "The wall, the feed and the screens"): anything else is not ours.
  function validFeed(feed) {
    return (
      feed !== null &&
      typeof feed === "object" &&
      Array.isArray(feed.results) &&
      feed.results.every(validMessage) &&
      validPaused(feed.paused)
    );
  }

  function pausedMessage(feed) {
    var paused = feed.paused;
    if (!paused) {
      return null;
    }
    if (typeof paused === "string") {
      return paused;
    }
    return typeof paused.message === "string" && paused.message ? paused.message : config.text.paused;
  }

  function applyFeed(feed, etag, serverDate) {
    var results = feed.results;
    var known = {};
    state.messages.forEach(function (message) {
      known[message.id] = true;
    });
    state.messages = results.slice(0, MAX_MESSAGES).map(function (item) {
      return {
        id: item.id,
        message: item.message,
        recipient: item.recipient,
        from_name: typeof item.from_name === "string" ? item.from_name : "",
        station: item.station && typeof item.station.name === "string" ? { name: item.station.name } : null,
        published_at: item.published_at || "",
      };
    });
    state.paused = pausedMessage(feed);
    state.etag = etag || null;
    state.savedAt = Date.parse(serverDate || "") || config.renderedAt;
    // A newly approved message goes on screen at once (the feed is newest first).
    for (var i = 0; i < state.messages.length; i += 1) {
      if (!known[state.messages[i].id]) {
        state.index = i;
        state.jumpToIndex = true;
        return;
      }
    }
  }

  function fetchWithTimeout(url, options) {
    if (!window.AbortController) {
      return fetch(url, options);
    }
    var controller = new AbortController();
    var timer = setTimeout(function () {
      controller.abort();
    }, FETCH_TIMEOUT_MS);
    options.signal = controller.signal;
    return fetch(url, options).then(
      function (response) {
        clearTimeout(timer);
        return response;
      },
      function (error) {
        clearTimeout(timer);
        throw error;
      },
    );
  }

  function HttpError(response) {
    this.status = response.status;
    this.retryAfter = Number(response.headers.get("Retry-After")) || 0;
  }

  function WrongShape() {}

  /* ---- a new deploy: reload, once per release ---- */

  function reloadForRelease(release) {
    if (!release || !config.release || release === config.release) {
      return false;
    }
    var markKey = config.storageKey + ":reloaded";
    try {
      var mark = JSON.parse(window.localStorage.getItem(markKey) || "null");
      if (mark && mark.release === release && Math.abs(now() - mark.at) < RELOAD_AGAIN_AFTER_MS) {
        return false;
      }
      window.localStorage.setItem(markKey, JSON.stringify({ release: release, at: now() }));
    } catch (error) {
      // Without storage a reload cannot be remembered: reload anyway, the new page is the fix.
    }
    store();
    window.location.reload();
    return true;
  }

  function poll() {
    var headers = { Accept: "application/json" };
    var release = null;
    if (state.etag) {
      headers["If-None-Match"] = state.etag;
    }
    // "no-store": the browser's cache stays out of it, so our own ETag decides and a 304 reaches us.
    fetchWithTimeout(config.feedUrl, { headers: headers, cache: "no-store", credentials: "omit" })
      .then(function (response) {
        release = response.headers.get(RELEASE_HEADER);
        if (response.status === 304) {
          return null;
        }
        if (!response.ok) {
          throw new HttpError(response);
        }
        var etag = response.headers.get("ETag");
        var serverDate = response.headers.get("Date");
        return response.json().then(function (feed) {
          if (!validFeed(feed)) {
            throw new WrongShape();
          }
          applyFeed(feed, etag, serverDate);
        });
      })
      .then(
        function () {
          state.failures = 0;
          state.contactAt = now();
          store();
          if (reloadForRelease(release)) {
            return;
          }
          render();
          schedulePoll(between(config.pollMin, config.pollMax));
        },
        function (error) {
          // Not a word of a wrong answer is kept: the last good messages stay, stored as they were.
          if (reloadForRelease(release)) {
            return;
          }
          state.failures += 1;
          render();
          schedulePoll(backoff(error));
        },
      );
  }

  function between(low, high) {
    return low + Math.random() * (high - low);
  }

  function backoff(error) {
    var delay = Math.min(config.backoffMax, config.pollMin * Math.pow(2, state.failures));
    if (error instanceof HttpError && error.retryAfter) {
      delay = Math.min(config.backoffMax, Math.max(delay, error.retryAfter * 1000));
    }
    // Jitter, so a force's screens do not all come back in the same second.
    return between(delay * 0.75, delay);
  }

  function schedulePoll(delay) {
    setTimeout(poll, delay);
  }

  /* ---- what the stage shows ---- */

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function sizeClass(text) {
    if (text.length > 600) {
      return " screen-card--very-long";
    }
    return text.length > 280 ? " screen-card--long" : "";
  }

  function messageCard(message) {
    var card = element("div", "screen-card" + sizeClass(message.message));
    card.appendChild(element("p", "screen-card__body", message.message));
    card.appendChild(element("p", "screen-card__recipient", fill(config.text.to, "recipient", message.recipient)));
    var from = element("p", "screen-card__from", message.from_name || config.text.anonymous);
    if (message.station && message.station.name && !config.station) {
      from.appendChild(element("span", "screen-card__place", message.station.name));
    }
    card.appendChild(from);
    return card;
  }

  function noticeCard(modifier, text) {
    var card = element("div", "screen-card screen-card--" + modifier);
    card.appendChild(element("p", "screen-card__body", text));
    return card;
  }

  function isStale() {
    return now() - state.contactAt > STALE_AFTER_MS;
  }

  function currentView() {
    if (state.paused !== null) {
      return { key: "paused:" + state.paused, card: noticeCard.bind(null, "holding", state.paused) };
    }
    if (isStale()) {
      return { key: "stale", card: noticeCard.bind(null, "holding", config.text.stale) };
    }
    if (!state.messages.length) {
      return { key: "empty", card: noticeCard.bind(null, "empty", config.text.empty) };
    }
    if (state.index >= state.messages.length) {
      state.index = 0;
    }
    var message = state.messages[state.index];
    return { key: "message:" + message.id + ":" + message.message, card: messageCard.bind(null, message) };
  }

  function motionAllowed() {
    return !(reducedMotion && reducedMotion.matches);
  }

  var swapping = false;

  function show(view) {
    if (view.key === state.shown) {
      return;
    }
    state.shown = view.key;
    var old = stage.firstElementChild;
    if (!old || !motionAllowed()) {
      replaceStage(view.card());
      return;
    }
    // A calm cross-fade: the old card fades out, the new one fades in.
    swapping = true;
    old.classList.add("is-leaving");
    setTimeout(function () {
      swapping = false;
      // What to show may have changed during the fade (a poll answered): show the latest.
      var latest = currentView();
      state.shown = latest.key;
      var card = latest.card();
      card.classList.add("is-entering");
      replaceStage(card);
      // Two frames, so the browser paints the faded state before the transition starts.
      requestAnimationFrame(function () {
        requestAnimationFrame(function () {
          card.classList.remove("is-entering");
        });
      });
    }, FADE_MS);
  }

  function replaceStage(card) {
    while (stage.firstChild) {
      stage.removeChild(stage.firstChild);
    }
    stage.appendChild(card);
    fitCard(card);
  }

  // A long message is never cut off: its words shrink (through the CSSOM, which the CSP allows)
  // until the whole card fits, down to a size still readable across a parade room.
  var SMALLEST_TEXT_PX = 14;

  function overflows(card) {
    return card.scrollHeight > card.clientHeight + 1;
  }

  function fitCard(card) {
    if (!card || !card.isConnected) {
      return;
    }
    var parts = card.querySelectorAll(".screen-card__body, .screen-card__recipient, .screen-card__from");
    Array.prototype.forEach.call(parts, function (part) {
      part.style.fontSize = "";
    });
    var scale = 1;
    var sizes = Array.prototype.map.call(parts, function (part) {
      return parseFloat(window.getComputedStyle(part).fontSize);
    });
    while (overflows(card) && scale > 0.2) {
      scale *= 0.9;
      Array.prototype.forEach.call(parts, function (part, index) {
        part.style.fontSize = Math.max(SMALLEST_TEXT_PX, sizes[index] * scale) + "px";
      });
      if (sizes.every(function (size) { return size * scale <= SMALLEST_TEXT_PX; })) {
        break;
      }
    }
  }

  function render() {
    keepCurrentMessage();
    if (!swapping) {
      show(currentView());
    }
    renderStatus();
  }

  function keepCurrentMessage() {
    if (state.jumpToIndex) {
      state.jumpToIndex = false;
      return;
    }
    // After a poll, stay on the message on screen if it is still published.
    var key = state.shown || "";
    if (key.indexOf("message:") !== 0) {
      return;
    }
    var id = key.split(":")[1];
    for (var i = 0; i < state.messages.length; i += 1) {
      if (String(state.messages[i].id) === id) {
        state.index = i;
        return;
      }
    }
    state.index = 0;
  }

  function rotate() {
    if (state.paused === null && !isStale() && state.messages.length > 1 && !swapping) {
      state.index = (state.index + 1) % state.messages.length;
      show(currentView());
    } else {
      render();
    }
  }

  /* ---- today's events, a page at a time ---- */

  var events = { page: 0, turning: false };

  function eventParts() {
    var section = document.querySelector("[data-events]");
    var list = section && section.querySelector("[data-event-list]");
    var items = list ? list.querySelectorAll("[data-event]") : [];
    if (!items.length) {
      return null;
    }
    return { section: section, list: list, items: items, indicator: section.querySelector("[data-events-page]") };
  }

  // The pages of events that fit the list's room entirely, as [first, last] indexes, or null when
  // one event alone is taller than the room. Events have no margins, so their heights add up.
  function measurePages(parts) {
    var items = parts.items;
    var i;
    for (i = 0; i < items.length; i += 1) {
      items[i].hidden = false;
    }
    var room = parts.list.clientHeight + 0.5; // sub-pixel rounding
    var pages = [];
    var first = 0;
    var top = items[0].getBoundingClientRect().top;
    for (i = 0; i < items.length; i += 1) {
      var box = items[i].getBoundingClientRect();
      if (box.bottom - top > room && i > first) {
        pages.push([first, i - 1]);
        first = i;
        top = box.top;
      }
      if (box.bottom - top > room) {
        return null;
      }
    }
    pages.push([first, items.length - 1]);
    return pages;
  }

  // At the usual size if every event fits on a page of its own, else smaller; the "1 of 3" line
  // takes room too, so it is measured with when there is more than one page.
  function fitEvents(parts) {
    var smaller = [false, true];
    for (var i = 0; i < smaller.length; i += 1) {
      parts.section.classList.toggle("screen__events--small", smaller[i]);
      parts.indicator.hidden = true;
      var pages = measurePages(parts);
      if (pages && pages.length > 1) {
        parts.indicator.textContent = pageOf(events.page, pages.length);
        parts.indicator.hidden = false;
        pages = measurePages(parts);
      }
      if (pages) {
        return pages;
      }
    }
    // Not even that (a window far smaller than a screen): one event a page, as well as it goes.
    return Array.prototype.map.call(parts.items, function (item, index) {
      return [index, index];
    });
  }

  function showEventsPage(parts, pages) {
    events.page = events.page % pages.length;
    var page = pages[events.page];
    for (var i = 0; i < parts.items.length; i += 1) {
      parts.items[i].hidden = i < page[0] || i > page[1];
    }
    parts.indicator.hidden = pages.length < 2;
    parts.indicator.textContent = pageOf(events.page, pages.length);
  }

  function pageOf(index, count) {
    return fill(fill(config.text.eventsPage, "page", String(index + 1)), "pages", String(count));
  }

  function layOutEvents() {
    var parts = eventParts();
    if (parts) {
      showEventsPage(parts, fitEvents(parts));
    }
  }

  function turnEventsPage() {
    var parts = eventParts();
    if (!parts || events.turning) {
      return;
    }
    if (!motionAllowed()) {
      events.page += 1;
      layOutEvents();
      return;
    }
    // Measured again at each turn, so that nothing that changed the room can clip an event.
    var pages = fitEvents(parts);
    showEventsPage(parts, pages);
    if (pages.length < 2) {
      return;
    }
    events.turning = true;
    parts.list.classList.add("is-turning");
    setTimeout(function () {
      events.turning = false;
      events.page += 1;
      layOutEvents();
      parts.list.classList.remove("is-turning");
    }, EVENTS_FADE_MS);
  }

  function whenResized(callback) {
    var timer = null;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(callback, 150);
    });
  }

  /* ---- time ---- */

  function formatter(options) {
    try {
      return new Intl.DateTimeFormat(config.locale, Object.assign({ timeZone: config.timeZone }, options));
    } catch (error) {
      return new Intl.DateTimeFormat(undefined, options);
    }
  }

  var timeFormat = formatter({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  var dateFormat = formatter({ weekday: "long", day: "numeric", month: "long" });

  function renderStatus() {
    var offline = state.failures > 0 && state.paused === null && !isStale();
    if (offline) {
      statusNote.textContent = fill(config.text.lastUpdated, "time", timeFormat.format(new Date(state.contactAt)));
    }
    statusNote.hidden = !offline;
  }

  function tick() {
    var date = new Date();
    if (clock) {
      clock.textContent = timeFormat.format(date);
      clock.setAttribute("datetime", date.toISOString());
    }
    if (dateLine) {
      dateLine.textContent = dateFormat.format(date);
    }
    setTimeout(tick, 60000 - (date.getTime() % 60000) + 50);
  }

  /* ---- the parts of the page that change by the day (today's events) ---- */

  function refreshPageParts() {
    fetchWithTimeout(window.location.href, { cache: "no-store", credentials: "omit" })
      .then(function (response) {
        if (!response.ok) {
          throw new HttpError(response);
        }
        return response.text();
      })
      .then(function (html) {
        // Our own server-rendered, escaped markup, parsed inert (no scripts run in a DOMParser).
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-events]");
        var current = document.querySelector("[data-events]");
        if (fresh && current) {
          var aside = current.parentNode;
          aside.replaceChild(document.importNode(fresh, true), current);
          aside.classList.toggle("screen__aside--with-events", fresh.querySelector("[data-event]") !== null);
          events.page = 0;
          layOutEvents();
        }
      })
      .catch(function () {
        // Keep what is shown; try again next time.
      });
  }

  /* ---- a kiosk restarted while the server is down opens the last copy of this page ---- */

  function keepAnOfflineCopy() {
    if (!config.serviceWorker || !("serviceWorker" in navigator) || !window.caches) {
      return;
    }
    navigator.serviceWorker.register(config.serviceWorker).catch(function () {
      // No offline copy then; everything else works as before.
    });
    var urls = [window.location.href];
    var assets = document.querySelectorAll("link[rel~=stylesheet], link[rel~=icon], script[src]");
    for (var i = 0; i < assets.length; i += 1) {
      urls.push(assets[i].href || assets[i].src);
    }
    caches
      .open(OFFLINE_CACHE)
      .then(function (cache) {
        return cache.addAll(urls);
      })
      .catch(function () {
        // The service worker caches what it fetches, next time.
      });
  }

  /* ---- start ---- */

  var rendered = readRenderedState();
  var stored = loadStored();
  // A page served from a cache may be older than what an earlier visit stored (both times by the
  // server's clock in whole seconds: the screen's own may be wrong). Within the same second the
  // stored copy wins: it came from a poll at least as late as the page.
  if (stored && stored.savedAt >= rendered.savedAt) {
    adopt(stored);
  } else {
    adopt(rendered);
    store();
  }
  var first = currentView();
  replaceStage(first.card());
  state.shown = first.key;
  renderStatus();

  layOutEvents();
  whenResized(layOutEvents);
  whenResized(function () {
    fitCard(stage.firstElementChild);
  });

  keepAnOfflineCopy();
  tick();
  setInterval(rotate, ROTATE_MS);
  setInterval(turnEventsPage, EVENTS_PAGE_MS);
  setInterval(refreshPageParts, REFRESH_PAGE_PARTS_MS);
  schedulePoll(between(config.pollMin, config.pollMax));
})();
