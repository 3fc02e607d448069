// The share page's "Copy link" and "Share…" buttons. Without this script the link is still there,
// in a box to select and copy; the buttons only save the steps, so they stay hidden until it runs.
// "Share…" opens the device's own share sheet where the browser has one: no third-party widget.
(function () {
  "use strict";
  var actions = document.querySelector("[data-rpw-share]");
  var input = document.getElementById("share-url");
  var status = document.querySelector("[data-rpw-share-status]");
  if (!actions || !input || !status) {
    return;
  }
  var copyButton = actions.querySelector("[data-rpw-copy]");
  var shareButton = actions.querySelector("[data-rpw-native-share]");

  function say(text) {
    // Emptied first, so that a second copy is announced again.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = text;
    }, 100);
  }

  function copyBySelecting() {
    input.focus();
    input.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function copied(ok) {
    say(ok ? copyButton.getAttribute("data-copied") : copyButton.getAttribute("data-failed"));
  }

  copyButton.addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(
        function () {
          copied(true);
        },
        function () {
          copied(copyBySelecting());
        }
      );
    } else {
      copied(copyBySelecting());
    }
  });

  if (shareButton && typeof navigator.share === "function") {
    shareButton.hidden = false;
    shareButton.addEventListener("click", function () {
      navigator.share({ title: shareButton.getAttribute("data-title"), url: input.value }).catch(function () {
        // Closed without sharing: nothing to say.
      });
    });
  }

  input.addEventListener("focus", function () {
    input.select();
  });
  actions.hidden = false;
})();
