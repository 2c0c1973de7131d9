(function () {
  "use strict";
  var errors = [];
  window.addEventListener("error", function (e) { errors.push(String(e.message)); });
  var data = JSON.parse(document.getElementById("pathgraph-data").textContent);
  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  var placed = data.nodes.length > 0 && data.nodes.every(function (n) {
    return n.x !== undefined; });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: n.label, level: n.level, shape: n.shape,
             x: n.x, y: n.y,
             color: n.color, borderWidth: n.borderWidth, kind: n.kind,
             font: { face: "Helvetica", size: n.small ? 11 : 13, multi: false },
             shapeProperties: { borderDashes: n.dashed ? [4, 3] : false },
             widthConstraint: { maximum: 170 }, margin: n.small ? 3 : 8 };
  }));
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("map"),
    { nodes: nodes, edges: edges }, {
      layout: { randomSeed: 1, hierarchical: { enabled: !placed, direction: "LR",
        sortMethod: "directed", levelSeparation: 210, nodeSpacing: 110,
        shakeTowards: "roots" } },
      physics: { enabled: false },
      interaction: { hover: true, tooltipDelay: 100 },
      edges: { smooth: placed ? { type: "curvedCW", roundness: 0.08 }
        : { type: "cubicBezier", forceDirection: "horizontal" } }
    });
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  function showCard(id) {
    var card = document.getElementById("card");
    while (card.firstChild) { card.removeChild(card.firstChild); }
    var n = byId[id];
    if (!n) { return; }
    card.appendChild(el("h2", n.card.title));
    var table = el("table");
    n.card.rows.forEach(function (row) {
      var tr = el("tr");
      tr.appendChild(el("td", row[0]));
      tr.appendChild(el("td", row[1]));
      table.appendChild(tr);
    });
    card.appendChild(table);
  }
  network.on("hoverNode", function (p) { showCard(p.node); });
  network.on("click", function (p) { if (p.nodes.length) { showCard(p.nodes[0]); } });
  var filters = document.getElementById("filters");
  data.legend.forEach(function (k) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.kind = k.kind;
    box.addEventListener("change", function () {
      var hidden = !box.checked;
      nodes.update(data.nodes.filter(function (n) { return n.kind === k.kind; })
        .map(function (n) { return { id: n.id, hidden: hidden }; }));
    });
    var swatch = el("span");
    swatch.className = "swatch";
    swatch.style.background = k.fill; swatch.style.borderColor = k.border;
    label.appendChild(box); label.appendChild(swatch);
    label.appendChild(document.createTextNode(k.title));
    filters.appendChild(label);
  });
  var edgeKey = document.getElementById("edges");
  data.edgeLegend.forEach(function (k) {
    // the line in the edge's colour, the words in the page's (contrast)
    var s = el("span");
    var line = el("span");
    line.className = "edge-swatch";
    line.style.borderTopColor = k.color;
    s.appendChild(line);
    s.appendChild(document.createTextNode(k.title));
    edgeKey.appendChild(s);
  });
  // The outline: every record as a button, column by column, for the keyboard and
  // for screen readers (the map itself is a canvas).
  var outline = document.getElementById("outline-list");
  var columns = {};
  data.nodes.forEach(function (n) {
    var key = typeof n.level === "number" ? n.level : -1;
    (columns[key] = columns[key] || []).push(n);
  });
  Object.keys(columns).map(Number).sort(function (a, b) { return a - b; })
    .forEach(function (lv) {
      outline.appendChild(el("h3", lv < 0 ? $other_records : $column));
      var ul = el("ul");
      columns[lv].slice().sort(function (a, b) {
        var x = a.card.title, y = b.card.title;
        return x < y ? -1 : x > y ? 1 : (a.id < b.id ? -1 : 1);
      }).forEach(function (n) {
        var li = el("li");
        var b = el("button", n.card.title + " (" + $kind_name + ")");
        b.type = "button";
        b.dataset.node = n.id;
        b.addEventListener("focus", function () {
          showCard(n.id); network.selectNodes([n.id]);
        });
        b.addEventListener("click", function () {
          showCard(n.id); network.selectNodes([n.id]);
          network.focus(n.id, { scale: 1.0, animation: false });
        });
        li.appendChild(b);
        ul.appendChild(li);
      });
      outline.appendChild(ul);
    });
  document.getElementById("fit-all").addEventListener("click", function () {
    network.fit({ animation: false });
  });
  // First view: a whole big map is too small to read; start at a readable scale
  // on the on-ramps (the left edge), the rest a scroll or "Show the whole map" away.
  network.once("afterDrawing", function () {
    if (network.getScale() >= 0.7 || data.nodes.length === 0) { return; }
    var pos = network.getPositions();
    var xs = Object.keys(pos).map(function (k) { return pos[k].x; });
    var ys = Object.keys(pos).map(function (k) { return pos[k].y; }).sort(
      function (a, b) { return a - b; });
    var width = document.getElementById("map").clientWidth || 800;
    var scale = 0.9;
    network.moveTo({ scale: scale, animation: false, position: {
      x: Math.min.apply(null, xs) + width / 2 / scale - 90,
      y: ys[Math.floor(ys.length / 2)] } });
  });
  function report() {
    var status = document.getElementById("pathgraph-status");
    status.textContent = JSON.stringify({
      nodes: network.body.data.nodes.length,
      drawn: Object.keys(network.body.nodes).filter(function (id) {
        return byId[id] !== undefined; }).length,
      edges: network.body.data.edges.length,
      errors: errors,
      injected: window.__pathgraph_injected === true
    });
  }
  network.once("afterDrawing", report);
  window.pathgraphNetwork = network;
})();
