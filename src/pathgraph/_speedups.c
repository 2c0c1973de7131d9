/*
 * pathgraph._speedups: the optional C accelerator of the graph index.
 *
 * Two functions do in C exactly what the pure-Python passes of
 * pathgraph.analysis._core do (the same results, compared by
 * tests/analysis/test_speedups.py on random graphs):
 *
 * - scan_nodes walks a NetworkX graph's node dict once: the ids, the attribute
 *   dicts, the id -> position table, each node's kind code, the values of the
 *   numeric attributes and the nodes marked 'destination';
 * - scan_edges walks a MultiDiGraph's adjacency dicts (succ[u][v][key] = data)
 *   once: every edge's target position and relation code, each source's
 *   out-degree, the attribute dicts of edges that hold more than a kind, the
 *   values of their numeric attributes and their requirement group (need, group).
 *
 * Both passes are bound by memory latency (each edge's key dict and data dict lie
 * somewhere else in memory); in Python each edge also costs a dozen bytecodes and
 * four calls. At 1,000,000 nodes the edge pass takes about 0.6x the time of one
 * raw reverse BFS in C and 1.4x in Python (docs/analysis.md).
 *
 * They never guess: whenever the graph is not made of plain dicts with str ids,
 * attribute names and kinds (a NetworkX graph built with other dict factories,
 * ids of other types, a kind that is a number), they return None and the caller
 * runs the pure-Python pass, which handles everything.
 *
 * Python code can run during the passes only through a hash or comparison of a
 * user object in a dict lookup, or the truth test of a 'destination' value;
 * every container and value is held by a strong reference while it is used, so
 * such code cannot free what the pass is reading.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

/* What the walk collects; freed by release(). */
typedef struct {
    int32_t *dst;      /* target position of each edge */
    int8_t *rel;       /* relation code of each edge (-1: unknown or missing) */
    Py_ssize_t cap;    /* allocated length of dst and rel */
    Py_ssize_t edges;  /* edges so far */
    int64_t *degree;   /* out-degree of each source */
    PyObject *codes;   /* dict: kind -> relation code (the caller's) */
    PyObject *numeric; /* tuple: names of the numeric attributes (the caller's) */
    PyObject *unknown; /* dict: edge position -> raw kind, where the code is -1 */
    PyObject *extra;   /* dict: edge position -> data dict of more than a kind */
    PyObject *numbers; /* list: values of the numeric attributes of extra edges */
    PyObject *grouped; /* list: (position, need, group) of extra edges with one */
    PyObject *kind_key, *need_key, *group_key; /* interned "kind", "need", "group" */
} Walk;

static void
release(Walk *w)
{
    PyMem_Free(w->dst);
    PyMem_Free(w->rel);
    PyMem_Free(w->degree);
    Py_XDECREF(w->unknown);
    Py_XDECREF(w->extra);
    Py_XDECREF(w->numbers);
    Py_XDECREF(w->grouped);
    Py_XDECREF(w->kind_key);
    Py_XDECREF(w->need_key);
    Py_XDECREF(w->group_key);
}

/* The outcome of one step of the walk. */
enum { OK = 0, FAIL = -1, FALLBACK = 1 };

/* Set *code to the relation code of `kind`: -1 when it is missing (or None) or
 * not in the table. Any kind but a str is an error of the graph, and an object
 * other than an exact str could hash or compare in any way: the Python pass
 * decides those (FALLBACK). */
static int
relation_code(Walk *w, PyObject *kind, int8_t *code)
{
    *code = -1;
    if (kind == NULL || kind == Py_None)
        return OK;
    if (!PyUnicode_CheckExact(kind))
        return FALLBACK;
    PyObject *found = PyDict_GetItemWithError(w->codes, kind);
    if (found == NULL)
        return PyErr_Occurred() ? FAIL : OK;
    long value = PyLong_AsLong(found);
    if (value == -1 && PyErr_Occurred())
        return FAIL;
    if (value < -1 || value > INT8_MAX)
        return FALLBACK;
    *code = (int8_t)value;
    return OK;
}

/* Keep what an edge with more than a kind holds: its dict, its numbers, and its
 * requirement group (need and group) when it has one. */
static int
keep_extra(Walk *w, PyObject *data, PyObject *position)
{
    if (PyDict_SetItem(w->extra, position, data) < 0)
        return FAIL;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(w->numeric); i++) {
        PyObject *value =
            PyDict_GetItemWithError(data, PyTuple_GET_ITEM(w->numeric, i));
        if (value == NULL) {
            if (PyErr_Occurred())
                return FAIL;
        }
        else if (PyList_Append(w->numbers, value) < 0)
            return FAIL;
    }
    /* Held: the second lookup could run a key's __eq__, which could change data. */
    PyObject *need = PyDict_GetItemWithError(data, w->need_key);
    if (need == NULL && PyErr_Occurred())
        return FAIL;
    need = need != NULL ? need : Py_None;
    Py_INCREF(need);
    PyObject *group = PyDict_GetItemWithError(data, w->group_key);
    if (group == NULL && PyErr_Occurred()) {
        Py_DECREF(need);
        return FAIL;
    }
    group = group != NULL ? group : Py_None;
    Py_INCREF(group);
    int status = OK;
    if (need != Py_None || group != Py_None) {
        PyObject *row = PyTuple_Pack(3, position, need, group);
        status = row != NULL && PyList_Append(w->grouped, row) == 0 ? OK : FAIL;
        Py_XDECREF(row);
    }
    Py_DECREF(need);
    Py_DECREF(group);
    return status;
}

/* Record one edge with target position `at` and data dict `data`. */
static int
add_edge(Walk *w, int32_t at, PyObject *data)
{
    if (!PyDict_CheckExact(data))
        return FALLBACK;
    if (w->edges == w->cap) {
        Py_ssize_t cap = w->cap * 2;
        int32_t *dst = PyMem_Realloc(w->dst, (size_t)cap * sizeof(int32_t));
        if (dst == NULL) {
            PyErr_NoMemory();
            return FAIL;
        }
        w->dst = dst;
        int8_t *rel = PyMem_Realloc(w->rel, (size_t)cap * sizeof(int8_t));
        if (rel == NULL) {
            PyErr_NoMemory();
            return FAIL;
        }
        w->rel = rel;
        w->cap = cap;
    }
    int status = FAIL;
    PyObject *position = NULL;
    Py_INCREF(data);
    PyObject *kind = PyDict_GetItemWithError(data, w->kind_key);
    if (kind == NULL && PyErr_Occurred())
        goto done;
    Py_XINCREF(kind);
    int8_t code;
    status = relation_code(w, kind, &code);
    if (status != OK)
        goto done;
    status = FAIL;
    w->dst[w->edges] = at;
    w->rel[w->edges] = code;
    if (code < 0 || PyDict_GET_SIZE(data) > 1) {
        position = PyLong_FromSsize_t(w->edges);
        if (position == NULL)
            goto done;
    }
    if (code < 0 &&
        PyDict_SetItem(w->unknown, position, kind != NULL ? kind : Py_None) < 0)
        goto done;
    if (PyDict_GET_SIZE(data) > 1 && keep_extra(w, data, position) != OK)
        goto done;
    w->edges++;
    status = OK;
done:
    Py_XDECREF(position);
    Py_XDECREF(kind);
    Py_DECREF(data);
    return status;
}

/* Record the edges of one (source, target) pair: its key dict (the caller holds
 * references to target and keydict). */
static int
add_pair(Walk *w, PyObject *target, PyObject *keydict, PyObject *pos)
{
    if (!PyUnicode_CheckExact(target) || !PyDict_CheckExact(keydict))
        return FALLBACK;
    PyObject *found = PyDict_GetItemWithError(pos, target);
    if (found == NULL)
        return PyErr_Occurred() ? FAIL : FALLBACK;
    long at = PyLong_AsLong(found);
    if (at == -1 && PyErr_Occurred())
        return FAIL;
    if (at < 0 || at > INT32_MAX)
        return FALLBACK;
    Py_ssize_t i = 0;
    PyObject *key, *data;
    int status = OK;
    while (status == OK && PyDict_Next(keydict, &i, &key, &data))
        status = add_edge(w, (int32_t)at, data);
    return status;
}

PyDoc_STRVAR(scan_edges_doc,
"scan_edges(succ, pos, numeric, codes, /)\n"
"--\n\n"
"Walk a MultiDiGraph's adjacency dicts once.\n\n"
"Returns (dst, degree, rel, unknown, extra, numbers, grouped), in NetworkX's\n"
"edge order: dst a bytearray of int32 target positions (pos[target]), degree a\n"
"bytearray of int64 out-degrees in the order of succ, rel a bytearray of int8\n"
"relation codes (codes[kind], -1 when the kind is missing or unknown), unknown a\n"
"dict edge position -> raw kind (None when missing) of the edges coded -1, extra\n"
"a dict edge position -> data dict for the data dicts with more than one\n"
"attribute, numbers a list of the values of the attributes named in the tuple\n"
"numeric in those dicts, and grouped a list of (edge position, need, group) for\n"
"those of them with a need or a group that is not None. Returns None (the caller\n"
"then runs its Python pass) when the graph is not made of exact dicts, exact str\n"
"targets that pos maps to int32 positions and kinds that are exact str or None.");

static PyObject *
scan_edges(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_Format(PyExc_TypeError,
                     "scan_edges expected 4 arguments, got %zd", nargs);
        return NULL;
    }
    PyObject *succ = args[0], *pos = args[1], *numeric = args[2], *codes = args[3];
    if (!PyTuple_Check(numeric) || !PyDict_Check(codes)) {
        PyErr_SetString(PyExc_TypeError,
                        "numeric must be a tuple of names and codes a dict");
        return NULL;
    }
    if (!PyDict_CheckExact(succ) || !PyDict_CheckExact(pos) ||
        !PyDict_CheckExact(codes))
        Py_RETURN_NONE;
    Py_ssize_t sources = PyDict_GET_SIZE(succ);
    Walk w = {0};
    w.cap = 4 * sources + 16;
    w.dst = PyMem_Malloc((size_t)w.cap * sizeof(int32_t));
    w.rel = PyMem_Malloc((size_t)w.cap * sizeof(int8_t));
    w.degree = PyMem_Malloc((size_t)(sources + 1) * sizeof(int64_t));
    w.codes = codes;
    w.numeric = numeric;
    w.unknown = PyDict_New();
    w.extra = PyDict_New();
    w.numbers = PyList_New(0);
    w.grouped = PyList_New(0);
    w.kind_key = PyUnicode_InternFromString("kind");
    w.need_key = PyUnicode_InternFromString("need");
    w.group_key = PyUnicode_InternFromString("group");
    PyObject *result = NULL;
    int status = FAIL;
    if (w.dst == NULL || w.rel == NULL || w.degree == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (w.unknown == NULL || w.extra == NULL || w.numbers == NULL ||
        w.grouped == NULL || w.kind_key == NULL || w.need_key == NULL ||
        w.group_key == NULL)
        goto done;
    Py_INCREF(succ);
    Py_INCREF(pos);
    Py_INCREF(codes);
    Py_INCREF(numeric);
    Py_ssize_t i = 0, s = 0;
    PyObject *source, *nbrs;
    status = OK;
    while (status == OK && PyDict_Next(succ, &i, &source, &nbrs)) {
        if (s == sources || !PyDict_CheckExact(nbrs)) {
            status = FALLBACK; /* not plain dicts, or succ changed under us */
            break;
        }
        Py_ssize_t j = 0, before = w.edges;
        PyObject *target, *keydict;
        Py_INCREF(nbrs);
        while (status == OK && PyDict_Next(nbrs, &j, &target, &keydict)) {
            Py_INCREF(target);
            Py_INCREF(keydict);
            status = add_pair(&w, target, keydict, pos);
            Py_DECREF(keydict);
            Py_DECREF(target);
        }
        Py_DECREF(nbrs);
        w.degree[s++] = w.edges - before;
    }
    Py_DECREF(succ);
    Py_DECREF(pos);
    Py_DECREF(codes);
    Py_DECREF(numeric);
    if (status == OK && s != sources)
        status = FALLBACK;
    if (status != OK)
        goto done;
    PyObject *dst = PyByteArray_FromStringAndSize(
        (const char *)w.dst, w.edges * (Py_ssize_t)sizeof(int32_t));
    PyObject *degree = PyByteArray_FromStringAndSize(
        (const char *)w.degree, sources * (Py_ssize_t)sizeof(int64_t));
    PyObject *rel = PyByteArray_FromStringAndSize((const char *)w.rel, w.edges);
    if (dst != NULL && degree != NULL && rel != NULL)
        result = PyTuple_Pack(7, dst, degree, rel, w.unknown, w.extra, w.numbers,
                              w.grouped);
    Py_XDECREF(dst);
    Py_XDECREF(degree);
    Py_XDECREF(rel);
done:
    release(&w);
    if (status == FALLBACK)
        Py_RETURN_NONE;
    return result;
}

/* What the walk over the nodes collects. */
typedef struct {
    PyObject *ids, *attrs, *pos, *unknown, *numbers, *marked;
    int8_t *kind;
} Nodes;

/* Read one node's attribute dict: its kind code, numbers and destination mark. */
static int
read_node(Nodes *w, Py_ssize_t i, PyObject *data, PyObject *numeric,
          PyObject *codes, PyObject *kind_key, PyObject *destination_key)
{
    if (!PyDict_CheckExact(data))
        return FALLBACK;
    PyObject *kind = PyDict_GetItemWithError(data, kind_key);
    if (kind == NULL && PyErr_Occurred())
        return FAIL;
    int8_t code = -1;
    if (kind != NULL && kind != Py_None) {
        if (!PyUnicode_CheckExact(kind))
            return FALLBACK;
        PyObject *found = PyDict_GetItemWithError(codes, kind);
        if (found == NULL && PyErr_Occurred())
            return FAIL;
        if (found != NULL) {
            long value = PyLong_AsLong(found);
            if (value == -1 && PyErr_Occurred())
                return FAIL;
            if (value < -1 || value > INT8_MAX)
                return FALLBACK;
            code = (int8_t)value;
        }
    }
    w->kind[i] = code;
    if (code < 0) {
        PyObject *position = PyLong_FromSsize_t(i);
        if (position == NULL)
            return FAIL;
        int failed = PyDict_SetItem(w->unknown, position, kind ? kind : Py_None);
        Py_DECREF(position);
        if (failed < 0)
            return FAIL;
    }
    Py_ssize_t j = 0;
    PyObject *key, *value;
    while (PyDict_Next(data, &j, &key, &value)) {
        if (!PyUnicode_CheckExact(key))
            return FALLBACK; /* its hash could be anything: Python decides */
        if (key == destination_key ||
            (PyUnicode_GET_LENGTH(key) == PyUnicode_GET_LENGTH(destination_key) &&
             PyUnicode_Compare(key, destination_key) == 0)) {
            Py_INCREF(value);
            int truth = PyObject_IsTrue(value);
            Py_DECREF(value);
            if (truth < 0)
                return FAIL;
            if (truth) {
                PyObject *position = PyLong_FromSsize_t(i);
                if (position == NULL)
                    return FAIL;
                int failed = PyList_Append(w->marked, position);
                Py_DECREF(position);
                if (failed < 0)
                    return FAIL;
            }
            continue;
        }
        int numeric_key = PySet_Contains(numeric, key);
        if (numeric_key < 0)
            return FAIL;
        if (numeric_key && PyList_Append(w->numbers, value) < 0)
            return FAIL;
    }
    return OK;
}

PyDoc_STRVAR(scan_nodes_doc,
"scan_nodes(node, numeric, codes, /)\n"
"--\n\n"
"Walk a graph's node dict (node id -> attribute dict) once.\n\n"
"Returns (ids, attrs, pos, kind, unknown, numbers, marked): the node ids and\n"
"attribute dicts as lists, pos a dict id -> position, kind a bytearray of int8\n"
"kind codes (codes[kind], -1 when missing or unknown), unknown a dict position\n"
"-> raw kind (None when missing) of the nodes coded -1, numbers a list of the\n"
"values of the attributes named in the frozenset numeric, and marked the\n"
"positions of the nodes whose 'destination' is true. Returns None (the caller\n"
"then runs its Python pass) unless the ids and attribute names are exact str,\n"
"the dicts exact dicts and the kinds exact str or None.");

static PyObject *
scan_nodes(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError,
                     "scan_nodes expected 3 arguments, got %zd", nargs);
        return NULL;
    }
    PyObject *node = args[0], *numeric = args[1], *codes = args[2];
    if (!PyFrozenSet_Check(numeric) || !PyDict_Check(codes)) {
        PyErr_SetString(PyExc_TypeError,
                        "numeric must be a frozenset of names and codes a dict");
        return NULL;
    }
    if (!PyDict_CheckExact(node) || !PyDict_CheckExact(codes))
        Py_RETURN_NONE;
    Py_ssize_t n = PyDict_GET_SIZE(node);
    Nodes w = {0};
    w.ids = PyList_New(n);
    w.attrs = PyList_New(n);
    w.pos = PyDict_New();
    w.unknown = PyDict_New();
    w.numbers = PyList_New(0);
    w.marked = PyList_New(0);
    w.kind = PyMem_Malloc((size_t)(n + 1));
    PyObject *kind_key = PyUnicode_InternFromString("kind");
    PyObject *destination_key = PyUnicode_InternFromString("destination");
    PyObject *result = NULL;
    int status = FAIL;
    if (w.kind == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (w.ids == NULL || w.attrs == NULL || w.pos == NULL || w.unknown == NULL ||
        w.numbers == NULL || w.marked == NULL || kind_key == NULL ||
        destination_key == NULL)
        goto done;
    Py_INCREF(node);
    Py_INCREF(codes);
    Py_INCREF(numeric);
    Py_ssize_t j = 0, i = 0;
    PyObject *id, *data;
    status = OK;
    while (status == OK && PyDict_Next(node, &j, &id, &data)) {
        if (i == n || !PyUnicode_CheckExact(id)) {
            status = FALLBACK; /* node changed under us, or an id of another type */
            break;
        }
        Py_INCREF(id);
        Py_INCREF(data);
        PyList_SET_ITEM(w.ids, i, id);     /* the lists own these references */
        PyList_SET_ITEM(w.attrs, i, data);
        PyObject *position = PyLong_FromSsize_t(i);
        if (position == NULL || PyDict_SetItem(w.pos, id, position) < 0)
            status = FAIL;
        Py_XDECREF(position);
        if (status == OK)
            status = read_node(&w, i, data, numeric, codes, kind_key,
                               destination_key);
        i++;
    }
    Py_DECREF(node);
    Py_DECREF(codes);
    Py_DECREF(numeric);
    if (status == OK && i != n)
        status = FALLBACK;
    if (status != OK)
        goto done;
    PyObject *kind = PyByteArray_FromStringAndSize((const char *)w.kind, n);
    if (kind != NULL)
        result = PyTuple_Pack(7, w.ids, w.attrs, w.pos, kind, w.unknown,
                              w.numbers, w.marked);
    Py_XDECREF(kind);
done:
    /* Unfilled list slots are NULL, which list deallocation skips. */
    Py_XDECREF(w.ids);
    Py_XDECREF(w.attrs);
    Py_XDECREF(w.pos);
    Py_XDECREF(w.unknown);
    Py_XDECREF(w.numbers);
    Py_XDECREF(w.marked);
    PyMem_Free(w.kind);
    Py_XDECREF(kind_key);
    Py_XDECREF(destination_key);
    if (status == FALLBACK)
        Py_RETURN_NONE;
    return result;
}

static PyMethodDef speedups_methods[] = {
    {"scan_edges", (PyCFunction)(void (*)(void))scan_edges, METH_FASTCALL,
     scan_edges_doc},
    {"scan_nodes", (PyCFunction)(void (*)(void))scan_nodes, METH_FASTCALL,
     scan_nodes_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef speedups_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "pathgraph._speedups",
    .m_doc = "The optional C accelerator of pathgraph's graph index.",
    .m_size = 0,
    .m_methods = speedups_methods,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    return PyModuleDef_Init(&speedups_module);
}
