/*
 * Switchboard web chat widget. A client puts one tag on its website:
 *   <script src="https://CENTRE/chat/widget.js" data-widget="WIDGET-ID" async></script>
 * and a "Chat with us" button appears. With data-mode="inline" (the hosted chat page) the chat fills the element
 * named by data-target instead. No framework, no build step; it speaks the protocol in docs/chat-protocol.md.
 *
 * Everything the customer or the agent wrote is put on the page as text (textContent), never as HTML. The chat lives
 * in a shadow root so the host page's styles cannot break it (nor it theirs); its look comes from widget.css beside
 * this file. A conversation survives a reload: its id and secret are kept in the tab's sessionStorage.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.dataset.widget) {
    return;
  }

  var widgetId = script.dataset.widget;
  var base = new URL(script.src, document.baseURI);
  var server = base.origin;
  var storageKey = "switchboard-chat:" + server + ":" + widgetId;
  var inline = script.dataset.mode === "inline";

  var text = {
    launcher: "Chat with us",
    title: "Chat",
    close: "Close the chat window",
    name: "Your name (optional)",
    preChatEmail: "Your email address (optional: lets us see your earlier contacts with us)",
    language: "Language",
    topic: "What is it about?",
    start: "Start chat",
    closedTopic: "closed now",
    opensAt: "Opens ",
    waitAbout: "expected wait about ",
    waiting: "You are in the queue.",
    position: "Position in the queue: ",
    expected: "Expected wait: about ",
    unknownWait: "We cannot estimate the wait right now.",
    longWait: "The wait may be long. You can keep your place and have us call you back, or get an answer by email.",
    callbackTitle: "Call me back instead",
    phone: "Phone number, with country code (for example +441632960961)",
    callbackSend: "Call me back",
    emailTitle: "Answer me by email instead",
    email: "Email address",
    question: "Your question",
    emailSend: "Send my question",
    connected: " is chatting with you.",
    typing: " is typing…",
    message: "Message",
    send: "Send",
    sent: "Sent",
    delivered: "Delivered",
    failed: "Not sent. Select to retry.",
    end: "End chat",
    ended: "The chat has ended.",
    transcript: "Email me the transcript",
    transcriptSend: "Send transcript",
    transcriptDone: "The transcript is on its way.",
    surveyTitle: "How did we do?",
    satisfaction: "How satisfied are you with this chat?",
    satisfactionLabels: ["Very dissatisfied", "Dissatisfied", "Neither", "Satisfied", "Very satisfied"],
    resolved: "Was your issue resolved?",
    yes: "Yes",
    no: "No",
    recommend: "How likely are you to recommend us to a friend or colleague?",
    recommendLow: "Not at all likely",
    recommendHigh: "Extremely likely",
    effort: "How easy was it to get what you needed?",
    effortLabels: ["Very easy", "Easy", "Neither", "Difficult", "Very difficult"],
    comment: "Anything else you want to tell us? (optional)",
    surveySend: "Send answers",
    thanks: "Thank you for your answers.",
    callbackDone: "Thank you. We will call you back; you keep your place in the queue.",
    closedCallbackTitle: "Call me back when you open",
    closedCallbackDone: "Thank you. We will call you back between ",
    and: " and ",
    emailDone: "Thank you. We will answer your question by email.",
    closed: "Chat is closed right now.",
    newChat: "Start a new chat",
    offline: "Connection lost. Reconnecting…",
    you: "You",
    agent: "Agent",
    system: "Switchboard",
  };

  // ---- state ----------------------------------------------------------------------------------------------------
  var saved = load();
  var conversation = saved ? saved.conversation : null;
  var token = saved ? saved.token : null;
  var lastSequence = 0;
  var deliveredUpTo = 0;
  var phase = null;
  var info = null;
  var stream = null;
  var typingTimer = null;
  var lastTypingSent = 0;
  var pending = {};

  // ---- DOM ------------------------------------------------------------------------------------------------------
  var host = inline ? document.getElementById(script.dataset.target || "") || document.body : document.createElement("div");
  if (!inline) {
    host.className = "switchboard-chat-host";
    document.body.appendChild(host);
  }

  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  var style = el("link", { rel: "stylesheet", href: new URL("widget.css", base).href });
  root.appendChild(style);

  var launcher = null;
  var panel = el("section", { className: "panel" + (inline ? " inline" : ""), "aria-labelledby": "sb-title" });
  var header = el("div", { className: "header" });
  var title = el("h2", { id: "sb-title", className: "title" }, text.title);
  header.appendChild(title);
  var body = el("div", { className: "body" });
  panel.appendChild(header);
  panel.appendChild(body);
  var announcer = el("div", { className: "visually-hidden", role: "status", "aria-live": "polite" });
  panel.appendChild(announcer);

  if (inline) {
    root.appendChild(panel);
    begin();
  } else {
    launcher = el("button", { type: "button", className: "launcher", "aria-expanded": "false" }, text.launcher);
    launcher.addEventListener("click", function () { toggle(true); });
    var close = el("button", { type: "button", className: "icon", "aria-label": text.close }, "×");
    close.addEventListener("click", function () { toggle(false); });
    header.appendChild(close);
    panel.setAttribute("role", "dialog");
    panel.hidden = true;
    panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape") {
        toggle(false);
      }
    });
    root.appendChild(launcher);
    root.appendChild(panel);
    if (conversation) {
      toggle(true);
    }
  }

  function toggle(open) {
    panel.hidden = !open;
    launcher.hidden = open;
    launcher.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      if (!info && !conversation) {
        begin();
      } else if (conversation && !stream) {
        resume();
      }
      focusFirst();
    } else {
      launcher.focus();
    }
  }

  function begin() {
    if (conversation) {
      resume();
      return;
    }

    api("GET", "/api/chat/widgets/" + encodeURIComponent(widgetId)).then(function (widget) {
      info = widget;
      title.textContent = widget.displayName;
      showPreChat();
    }, showError);
  }

  // ---- pre-chat -------------------------------------------------------------------------------------------------
  function showPreChat(problem) {
    clear(body);
    var form = el("form", { className: "form", noValidate: true });
    if (problem) {
      form.appendChild(el("p", { className: "problem", role: "alert" }, problem));
    }

    form.appendChild(field("sb-name", text.name, el("input", { id: "sb-name", name: "name", autocomplete: "name", maxLength: 100 })));
    form.appendChild(field("sb-prechat-email", text.preChatEmail,
      el("input", { id: "sb-prechat-email", name: "email", type: "email", autocomplete: "email", maxLength: 254 })));
    var language = el("select", { id: "sb-language", name: "language" });
    info.languages.forEach(function (tag) {
      language.appendChild(el("option", { value: tag }, languageName(tag)));
    });
    form.appendChild(field("sb-language", text.language, language));

    var topic = el("select", { id: "sb-topic", name: "topic" });
    info.topics.forEach(function (t) {
      var label = t.label;
      if (!t.open) {
        label += " (" + text.closedTopic + (t.nextOpening ? "; " + text.opensAt.toLowerCase() + formatTime(t.nextOpening) : "") + ")";
      } else if (t.expectedWait) {
        label += " (" + text.waitAbout + formatWait(t.expectedWait) + ")";
      }
      topic.appendChild(el("option", { value: t.id }, label));
    });
    form.appendChild(field("sb-topic", text.topic, topic));
    form.appendChild(el("button", { type: "submit", className: "primary" }, text.start));
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var chosen = info.topics.filter(function (t) { return t.id === topic.value; })[0];
      if (chosen && !chosen.open) {
        showClosed(language.value, topic.value, chosen);
        return;
      }

      var request = {
        name: form.elements.name.value.trim() || null,
        email: form.elements.email.value.trim() || null,
        language: language.value,
        topic: topic.value,
      };
      api("POST", "/api/chat/widgets/" + encodeURIComponent(widgetId) + "/conversations", request).then(function (started) {
        conversation = started.conversation;
        token = started.token;
        store();
        lastSequence = 0;
        applyState(started.state);
        connect();
      }, function (error) {
        if (error.status === 409 && error.problem && error.problem.closed) {
          showClosed(language.value, topic.value, { nextOpening: error.problem.nextOpening });
        } else {
          showPreChat(describe(error));
        }
      });
    });
    body.appendChild(form);
  }

  function showClosed(language, topic, chosen) {
    clear(body);
    body.appendChild(el("p", { role: "alert" }, text.closed + (chosen && chosen.nextOpening ? " " + text.opensAt + formatTime(chosen.nextOpening) + "." : "")));
    var widgetPath = "/api/chat/widgets/" + encodeURIComponent(widgetId);
    // A callback is a promise to call once the queue opens: only offered when an opening is known.
    if (chosen && chosen.nextOpening) {
      body.appendChild(callbackForm(widgetPath + "/callback", { language: language, topic: topic }, "sb-closed-phone", text.closedCallbackTitle, function (booked) {
        return text.closedCallbackDone + formatTime(booked.windowStart) + text.and + formatTime(booked.windowEnd) + ".";
      }));
    }
    body.appendChild(emailForm(widgetPath + "/email-follow-up", { language: language, topic: topic }, false));
    var again = el("button", { type: "button", className: "link" }, text.newChat);
    again.addEventListener("click", function () { showPreChat(); });
    body.appendChild(again);
  }

  // ---- conversation ---------------------------------------------------------------------------------------------
  var log = null;
  var status = null;
  var typingLine = null;
  var composer = null;
  var endButton = null;
  var alternatives = null;

  function resume() {
    api("GET", conversationPath("")).then(function (view) {
      lastSequence = 0;
      buildConversation();
      view.messages.forEach(showMessage);
      applyState(view.state);
      if (view.state.state !== "ended") {
        connect();
      }
    }, function (error) {
      if (error.status === 401 || error.status === 404) {
        forget();
        begin();
      } else {
        showError(error);
      }
    });
  }

  function buildConversation() {
    clear(body);
    status = el("p", { className: "status", id: "sb-status" });
    alternatives = el("div", { className: "alternatives" });
    log = el("div", { className: "log", role: "log", "aria-live": "polite", "aria-label": "Messages", tabIndex: 0 });
    typingLine = el("p", { className: "typing", "aria-live": "off" });
    composer = el("form", { className: "composer", noValidate: true });
    var input = el("textarea", { id: "sb-message", name: "message", rows: 2, maxLength: 2000 });
    composer.appendChild(el("label", { htmlFor: "sb-message", className: "visually-hidden" }, text.message));
    composer.appendChild(input);
    composer.appendChild(el("button", { type: "submit", className: "primary" }, text.send));
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey) {
        e.preventDefault();
        send(input);
      }
    });
    input.addEventListener("input", sendTyping);
    composer.addEventListener("submit", function (e) {
      e.preventDefault();
      send(input);
    });
    endButton = el("button", { type: "button", className: "secondary" }, text.end);
    endButton.addEventListener("click", endChat);
    body.appendChild(status);
    body.appendChild(alternatives);
    body.appendChild(log);
    body.appendChild(typingLine);
    body.appendChild(composer);
    body.appendChild(endButton);
  }

  function applyState(state) {
    if (!log) {
      buildConversation();
    }

    var before = phase;
    phase = state.state;
    if (phase === "waiting") {
      var parts = [text.waiting];
      if (state.position !== null && state.position !== undefined) {
        parts.push(text.position + (state.position + 1) + ".");
      }
      parts.push(state.expectedWait ? text.expected + formatWait(state.expectedWait) + "." : text.unknownWait);
      status.textContent = parts.join(" ");
      if (state.callbackOffered && !alternatives.firstChild) {
        showAlternatives();
      }
    } else if (phase === "connected") {
      status.textContent = (state.agentName || text.agent) + text.connected;
      clear(alternatives);
      if (before !== "connected") {
        announce(status.textContent);
      }
    } else if (phase === "ended") {
      finish(state);
    }
  }

  function showAlternatives() {
    alternatives.appendChild(el("p", {}, text.longWait));
    alternatives.appendChild(callbackForm(conversationPath("/callback"), {}, "sb-phone", text.callbackTitle, function () { return text.callbackDone; }));
    alternatives.appendChild(emailForm(conversationPath("/email-follow-up"), {}, true));
    announce(text.longWait);
  }

  // A form for a number to call; thanks(answer) words the confirmation. The button is disabled while the request is
  // under way so a second press books no second callback.
  function callbackForm(path, extra, id, title, thanks) {
    var form = el("form", { className: "form", noValidate: true });
    form.appendChild(el("h3", {}, title));
    form.appendChild(field(id, text.phone, el("input", { id: id, name: "phone", type: "tel", autocomplete: "tel", required: true })));
    var submit = el("button", { type: "submit", className: "primary" }, text.callbackSend);
    form.appendChild(submit);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var request = { phone: form.elements.phone.value.trim() };
      Object.keys(extra).forEach(function (k) { request[k] = extra[k]; });
      submit.disabled = true;
      api("POST", path, request).then(function (answer) {
        done(thanks(answer));
      }, function (error) {
        submit.disabled = false;
        inlineProblem(form, describe(error));
      });
    });
    return form;
  }

  function emailForm(path, extra, inConversation) {
    var form = el("form", { className: "form", noValidate: true });
    form.appendChild(el("h3", {}, text.emailTitle));
    var id = inConversation ? "sb-follow" : "sb-closed";
    form.appendChild(field(id + "-email", text.email, el("input", { id: id + "-email", name: "email", type: "email", autocomplete: "email", required: true })));
    form.appendChild(field(id + "-question", text.question, el("textarea", { id: id + "-question", name: "question", rows: 3, maxLength: 2000, required: true })));
    form.appendChild(el("button", { type: "submit", className: "primary" }, text.emailSend));
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var request = { email: form.elements.email.value.trim(), question: form.elements.question.value.trim() };
      Object.keys(extra).forEach(function (k) { request[k] = extra[k]; });
      api("POST", path, request).then(function () {
        done(text.emailDone);
      }, function (error) { inlineProblem(form, describe(error)); });
    });
    return form;
  }

  function send(input) {
    var value = input.value.trim();
    if (!value || phase === "ended") {
      return;
    }

    input.value = "";
    var id = randomId();
    var item = showMessage({ sequence: 0, sender: "customer", agent: null, text: value, at: new Date().toISOString() });
    pending[id] = { item: item, text: value };
    post(id);
  }

  function post(id) {
    var entry = pending[id];
    setDelivery(entry.item, text.sent + "…");
    api("POST", conversationPath("/messages"), { text: entry.text, clientMessageId: id }).then(function (accepted) {
      entry.item.dataset.sequence = String(accepted.sequence);
      delete pending[id];
      setDelivery(entry.item, accepted.sequence <= deliveredUpTo ? text.delivered : text.sent);
    }, function (error) {
      var state = setDelivery(entry.item, describe(error) + " " + text.failed);
      state.tabIndex = 0;
      state.setAttribute("role", "button");
      state.onclick = state.onkeydown = function (e) {
        if (!e.key || e.key === "Enter" || e.key === " ") {
          state.onclick = state.onkeydown = null;
          state.removeAttribute("role");
          post(id);
        }
      };
    });
  }

  function showMessage(m) {
    if (m.sequence && log.querySelector('[data-sequence="' + m.sequence + '"]')) {
      return null;
    }

    var mine = m.sender === "customer";
    var item = el("div", { className: "message " + m.sender });
    if (m.sequence) {
      item.dataset.sequence = String(m.sequence);
      lastSequence = Math.max(lastSequence, m.sequence);
    }
    var who = mine ? text.you : m.sender === "agent" ? (m.agent || text.agent) : text.system;
    item.appendChild(el("span", { className: "who" }, who));
    item.appendChild(el("p", { className: "text" }, m.text));
    item.appendChild(el("time", { dateTime: m.at }, formatClock(m.at)));
    if (mine) {
      item.appendChild(el("span", { className: "delivery" }, m.sequence ? (m.sequence <= deliveredUpTo ? text.delivered : text.sent) : ""));
    }
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  function setDelivery(item, value) {
    var state = item.querySelector(".delivery");
    state.textContent = value;
    return state;
  }

  function sendTyping() {
    var now = Date.now();
    if (phase === "connected" && now - lastTypingSent > 3000) {
      lastTypingSent = now;
      api("POST", conversationPath("/typing")).catch(function () { /* a lost typing hint is harmless */ });
    }
  }

  // ---- live stream ----------------------------------------------------------------------------------------------
  function connect() {
    if (stream) {
      return;
    }

    var controller = new AbortController();
    stream = controller;
    var retry = 1000;
    (function open() {
      if (stream !== controller) {
        return;
      }

      fetch(server + conversationPath("/stream?after=" + lastSequence), {
        headers: { Authorization: "Conversation " + token, Accept: "text/event-stream" },
        signal: controller.signal,
        cache: "no-store",
      }).then(function (response) {
        if (response.status === 401 || response.status === 404) {
          stream = null;
          forget();
          return null;
        }
        if (!response.ok || !response.body) {
          throw new Error("stream " + response.status);
        }
        retry = 1000;
        if (status && status.dataset.offline) {
          delete status.dataset.offline;
        }
        return read(response.body.getReader());
      }).then(function () {
        if (stream === controller && phase !== "ended") {
          setTimeout(open, retry);
        }
      }, function () {
        if (stream === controller && phase !== "ended") {
          if (status) {
            status.dataset.offline = "true";
            announce(text.offline);
          }
          retry = Math.min(retry * 2, 15000);
          setTimeout(open, retry);
        }
      });
    })();
  }

  function read(reader) {
    var decoder = new TextDecoder();
    var buffer = "";
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) {
          return;
        }
        buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n?/g, "\n");
        var end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        return pump();
      });
    }
    return pump();
  }

  function dispatch(block) {
    var type = "message";
    var data = [];
    block.split("\n").forEach(function (line) {
      if (line.indexOf("event:") === 0) {
        type = line.slice(6).trim();
      } else if (line.indexOf("data:") === 0) {
        data.push(line.slice(5).replace(/^ /, ""));
      }
    });
    if (!data.length) {
      return;
    }

    var payload = JSON.parse(data.join("\n"));
    if (type === "message") {
      receive(payload);
    } else if (type === "state") {
      applyState(payload);
    } else if (type === "typing" && payload.sender === "agent") {
      typingLine.textContent = (phaseAgentName() || text.agent) + text.typing;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { typingLine.textContent = ""; }, 5000);
    } else if (type === "delivery" && payload.sender === "agent") {
      deliveredUpTo = Math.max(deliveredUpTo, payload.upTo);
      Array.prototype.forEach.call(log.querySelectorAll(".message.customer"), function (item) {
        if (Number(item.dataset.sequence) && Number(item.dataset.sequence) <= deliveredUpTo) {
          setDelivery(item, text.delivered);
        }
      });
    }
  }

  function receive(m) {
    if (m.sender === "customer") {
      // Our own message, echoed by the server: it may already be on screen (sent from this tab) with its number.
      var shown = log.querySelector('[data-sequence="' + m.sequence + '"]');
      if (shown) {
        return;
      }
      var local = Array.prototype.filter.call(log.querySelectorAll(".message.customer:not([data-sequence])"), function (item) {
        return item.querySelector(".text").textContent === m.text;
      })[0];
      if (local) {
        local.dataset.sequence = String(m.sequence);
        lastSequence = Math.max(lastSequence, m.sequence);
        return;
      }
    }

    var item = showMessage(m);
    if (item && m.sender !== "customer") {
      typingLine.textContent = "";
      announce((m.agent || text.agent) + ": " + m.text);
      api("POST", conversationPath("/delivered"), { upTo: m.sequence }).catch(function () { /* told again with the next one */ });
    }
  }

  function phaseAgentName() {
    var agents = log ? log.querySelectorAll(".message.agent .who") : [];
    return agents.length ? agents[agents.length - 1].textContent : null;
  }

  // ---- the end --------------------------------------------------------------------------------------------------
  function endChat() {
    if (phase === "ended") {
      finish();
      return;
    }
    // The end answers nothing: the state read after it says whether a survey is offered.
    api("POST", conversationPath("/end")).then(function () {
      return api("GET", conversationPath(""));
    }).then(function (view) { finish(view.state); }, showError);
  }

  // state: the ended state, when known; its survey (null: none offered) decides whether the survey is shown.
  function finish(state) {
    phase = "ended";
    if (stream) {
      stream.abort();
      stream = null;
    }
    if (!log) {
      buildConversation();
    }
    status.textContent = text.ended;
    announce(text.ended);
    clear(alternatives);
    [composer, endButton].forEach(function (node) {
      if (node && node.parentNode) {
        node.parentNode.removeChild(node);
      }
    });
    composer = endButton = null;
    typingLine.textContent = "";
    if (!body.querySelector(".transcript")) {
      body.appendChild(transcriptForm());
    }
    if (state && state.survey && !body.querySelector(".survey")) {
      body.appendChild(survey(state.survey));
    }
  }

  function transcriptForm() {
    var form = el("form", { className: "form transcript", noValidate: true });
    form.appendChild(field("sb-transcript", text.transcript, el("input", { id: "sb-transcript", name: "email", type: "email", autocomplete: "email" })));
    form.appendChild(el("button", { type: "submit", className: "secondary" }, text.transcriptSend));
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      api("POST", conversationPath("/transcript"), { email: form.elements.email.value.trim() }).then(function () {
        clear(form);
        form.appendChild(el("p", { role: "status" }, text.transcriptDone));
      }, function (error) { inlineProblem(form, describe(error)); });
    });
    return form;
  }

  // A radio group in a fieldset: options are [value, label] pairs; ids are "sb-" + name + "-" + value.
  function choices(name, legend, options) {
    var group = el("fieldset", {});
    group.appendChild(el("legend", {}, legend));
    options.forEach(function (pair) {
      var id = "sb-" + name + "-" + pair[0];
      var option = el("div", { className: "choice" });
      option.appendChild(el("input", { type: "radio", id: id, name: name, value: pair[0] }));
      option.appendChild(el("label", { htmlFor: id }, pair[1]));
      group.appendChild(option);
    });
    return group;
  }

  // offer: which questions beyond satisfaction and "resolved?" the invitation asks ({ recommend, effort }).
  function survey(offer) {
    var form = el("form", { className: "form survey", noValidate: true });
    form.appendChild(el("h3", {}, text.surveyTitle));
    form.appendChild(choices("csat", text.satisfaction, text.satisfactionLabels.map(function (label, i) {
      return [String(i + 1), (i + 1) + " – " + label];
    })));
    form.appendChild(choices("resolved", text.resolved, [["yes", text.yes], ["no", text.no]]));
    if (offer.recommend) {
      var scale = [];
      for (var score = 0; score <= 10; score++) {
        scale.push([String(score), score === 0 ? "0 – " + text.recommendLow : score === 10 ? "10 – " + text.recommendHigh : String(score)]);
      }
      var recommend = choices("recommend", text.recommend, scale);
      recommend.className = "scale";
      form.appendChild(recommend);
    }
    if (offer.effort) {
      form.appendChild(choices("effort", text.effort, text.effortLabels.map(function (label, i) {
        return [String(i + 1), (i + 1) + " – " + label];
      })));
    }
    form.appendChild(field("sb-comment", text.comment, el("textarea", { id: "sb-comment", name: "comment", rows: 2, maxLength: 1000 })));
    form.appendChild(el("button", { type: "submit", className: "primary" }, text.surveySend));
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var satisfaction = form.querySelector('input[name="csat"]:checked');
      var answer = form.querySelector('input[name="resolved"]:checked');
      if (!satisfaction || !answer) {
        inlineProblem(form, "Choose an answer to both questions.");
        return;
      }
      var comment = form.elements.comment.value.trim();
      var answers = {
        satisfaction: Number(satisfaction.value),
        resolved: answer.value === "yes",
        comment: comment || null,
      };
      // The optional scales are sent only when asked and chosen.
      ["recommend", "effort"].forEach(function (name) {
        var chosen = form.querySelector('input[name="' + name + '"]:checked');
        if (chosen) {
          answers[name] = Number(chosen.value);
        }
      });
      api("POST", conversationPath("/survey"), answers).then(function () {
        clear(form);
        form.appendChild(el("p", { role: "status" }, text.thanks));
        forget();
        form.appendChild(newChatButton());
      }, function (error) { inlineProblem(form, describe(error)); });
    });
    return form;
  }

  function done(message) {
    if (stream) {
      stream.abort();
      stream = null;
    }
    forget();
    phase = "ended";
    clear(body);
    body.appendChild(el("p", { role: "status" }, message));
    body.appendChild(newChatButton());
  }

  function newChatButton() {
    var again = el("button", { type: "button", className: "link" }, text.newChat);
    again.addEventListener("click", function () {
      forget();
      log = null;
      phase = null;
      info = null;
      begin();
    });
    return again;
  }

  // ---- helpers --------------------------------------------------------------------------------------------------
  function conversationPath(rest) {
    return "/api/chat/conversations/" + encodeURIComponent(conversation) + rest;
  }

  function api(method, path, json) {
    var headers = { Accept: "application/json" };
    if (json !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    if (token && path.indexOf("/api/chat/conversations/") === 0) {
      headers.Authorization = "Conversation " + token;
    }
    return fetch(server + path, {
      method: method,
      headers: headers,
      body: json !== undefined ? JSON.stringify(json) : undefined,
      cache: "no-store",
    }).then(function (response) {
      if (response.status === 204) {
        return null;
      }
      return response.text().then(function (raw) {
        var parsed = null;
        try {
          parsed = raw ? JSON.parse(raw) : null;
        } catch (ignored) {
          parsed = null;
        }
        if (!response.ok) {
          var error = new Error((parsed && (parsed.detail || parsed.title)) || ("HTTP " + response.status));
          error.status = response.status;
          error.problem = parsed;
          throw error;
        }
        return parsed;
      });
    });
  }

  function describe(error) {
    if (error && error.problem && error.problem.errors) {
      var first = Object.keys(error.problem.errors)[0];
      return error.problem.errors[first][0];
    }
    if (error && error.status === 429) {
      return "You are sending too fast. Wait a moment.";
    }
    return (error && error.message) || "Something went wrong.";
  }

  function showError(error) {
    clear(body);
    body.appendChild(el("p", { className: "problem", role: "alert" }, describe(error)));
  }

  function inlineProblem(form, message) {
    var old = form.querySelector(".problem");
    if (old) {
      old.parentNode.removeChild(old);
    }
    form.insertBefore(el("p", { className: "problem", role: "alert" }, message), form.firstChild);
  }

  function announce(message) {
    announcer.textContent = "";
    setTimeout(function () { announcer.textContent = message; }, 50);
  }

  function field(id, label, control) {
    var wrap = el("div", { className: "field" });
    wrap.appendChild(el("label", { htmlFor: id }, label));
    wrap.appendChild(control);
    return wrap;
  }

  function el(tag, props, content) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key.indexOf("-") > 0 || key === "role") {
        node.setAttribute(key, props[key]);
      } else {
        node[key] = props[key];
      }
    });
    if (content !== undefined && content !== null) {
      node.textContent = content;
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function focusFirst() {
    setTimeout(function () {
      var target = panel.querySelector("input, select, textarea, button:not(.icon)");
      if (target) {
        target.focus();
      }
    }, 0);
  }

  function formatWait(span) {
    // TimeSpan as JSON: "[d.]hh:mm:ss[.fffffff]".
    var match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(span);
    if (!match) {
      return span;
    }
    var seconds = (Number(match[1] || 0) * 24 + Number(match[2])) * 3600 + Number(match[3]) * 60 + Number(match[4]);
    if (seconds < 60) {
      return "less than a minute";
    }
    var minutes = Math.round(seconds / 60);
    return minutes === 1 ? "1 minute" : minutes + " minutes";
  }

  function formatTime(iso) {
    return new Date(iso).toLocaleString([], { weekday: "short", hour: "2-digit", minute: "2-digit" });
  }

  function formatClock(iso) {
    return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function languageName(tag) {
    try {
      return new Intl.DisplayNames([tag], { type: "language" }).of(tag) || tag;
    } catch (ignored) {
      return tag;
    }
  }

  function randomId() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function load() {
    try {
      var raw = window.sessionStorage.getItem(storageKey);
      return raw ? JSON.parse(raw) : null;
    } catch (ignored) {
      return null;
    }
  }

  function store() {
    try {
      window.sessionStorage.setItem(storageKey, JSON.stringify({ conversation: conversation, token: token }));
    } catch (ignored) {
      // Private modes may refuse storage: the chat still works, it only cannot resume after a reload.
    }
  }

  function forget() {
    conversation = null;
    token = null;
    try {
      window.sessionStorage.removeItem(storageKey);
    } catch (ignored) {
      // Nothing stored.
    }
  }
})();
