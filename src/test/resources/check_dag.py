"""Reads an Airflow DAG file with Python's own ast (Airflow itself is not installed) and prints its shape as JSON."""
import ast
import json
import py_compile
import sys

path = sys.argv[1]
py_compile.compile(path, doraise=True)
tree = ast.parse(open(path, encoding="utf-8").read(), filename=path)

dag_arguments = {}
constants = {}
default_args = {}
tasks = {}
edges = []
operators = set()


def constant(node):
    return node.value if isinstance(node, ast.Constant) else ast.unparse(node)


def operands(node):
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift):
        return operands(node.left) + [node.right]
    return [node]


def names(node):
    if isinstance(node, ast.List):
        return [element.id for element in node.elts]
    return [node.id]


for node in tree.body:
    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
        if isinstance(node.value, ast.Constant):
            constants[node.targets[0].id] = node.value.value
        if node.targets[0].id == "default_args" and isinstance(node.value, ast.Dict):
            default_args = {constant(key): constant(value) for key, value in zip(node.value.keys, node.value.values)}

for node in ast.walk(tree):
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "DAG":
        dag_arguments = {keyword.arg: constant(keyword.value) for keyword in node.keywords if keyword.arg}
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and getattr(node.value.func, "id", None) == "spark_job":
        arguments = [constant(argument) for argument in node.value.args]
        tasks[node.targets[0].id] = {"task_id": arguments[0], "command": arguments[1:]}
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.BinOp):
        chain = operands(node.value)
        for upstream, downstream in zip(chain, chain[1:]):
            for a in names(upstream):
                for b in names(downstream):
                    edges.append([tasks[a]["task_id"], tasks[b]["task_id"]])
    if isinstance(node, ast.Call) and getattr(node.func, "id", "").endswith("Operator"):
        operators.add(node.func.id)
    if isinstance(node, ast.ImportFrom):
        for alias in node.names:
            if alias.name.endswith("Operator"):
                operators.add(alias.name)

print(json.dumps({"dag": dag_arguments, "constants": constants, "default_args": default_args, "tasks": list(tasks.values()), "edges": edges, "operators": sorted(operators)}, ensure_ascii=False))
