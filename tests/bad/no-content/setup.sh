# Run in a scratch copy: inside the repository (a project: content/)
# check would find that project above this folder, as git does.
:
