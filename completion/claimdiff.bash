# bash completion for claimdiff.
# The commands, each command's options and its formats come from the program
# itself (`claimdiff --complete [COMMAND]`, made from the same option table as
# --help and the man page), so this file never goes stale.
# Install: copy to /usr/share/bash-completion/completions/claimdiff, or
#   source completion/claimdiff.bash

_claimdiff()
{
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion || return
    else
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD-1]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi
    local prog=${words[0]}

    if [[ $cword -eq 1 ]]; then
        COMPREPLY=($(compgen -W "$("$prog" --complete 2>/dev/null) --help --version" -- "$cur"))
        return
    fi
    local cmd=${words[1]} spec
    spec=$("$prog" --complete "$cmd" 2>/dev/null) || return

    # the argument of the previous option
    local line arg="" formats
    formats=$(sed -n 's/^formats: //p' <<<"$spec" | tr '|' ' ')
    while read -r line; do
        [[ $line == formats:* ]] && continue
        local names=${line% [A-Z]*} a=""
        [[ $line =~ \ ([A-Z][A-Z=]*)$ ]] && a=${BASH_REMATCH[1]}
        for n in $names; do
            [[ $n == "$prev" && -n $a ]] && arg=$a
        done
    done <<<"$spec"
    case $arg in
    FMT) COMPREPLY=($(compgen -W "$formats" -- "$cur")); return ;;
    WHEN) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    KINDS)
        local kinds="wording quote framing attribution loaded number date entity negation"
        local pre=${cur%,*}
        [[ $pre == "$cur" ]] && pre="" || pre="$pre,"
        COMPREPLY=($(compgen -P "$pre" -W "$kinds" -- "${cur##*,}"))
        compopt -o nospace 2>/dev/null
        return ;;
    FILE|DIR|SOURCE|NAME=SOURCE) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    "") ;;
    *) return ;; # a number, seconds, a claim: nothing to offer
    esac

    if [[ $cur == -* ]]; then
        local opts
        opts=$(grep -v '^formats:' <<<"$spec" | grep -o -- '--[a-z-]*')
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _claimdiff claimdiff
