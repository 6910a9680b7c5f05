import DeZero
print("{}")
